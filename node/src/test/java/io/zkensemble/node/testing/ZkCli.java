package io.zkensemble.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * zkCli (org.apache.zookeeper.ZooKeeperMain from the 3.9.5 jar) in its own JVM, driven with a
 * script on its standard input as `zkCli.sh < script` would.
 */
public final class ZkCli {
  private ZkCli() {}

  /** What zkCli printed (standard output and error) running {@code script} against a server. */
  public static List<String> run(String connectString, String script)
      throws IOException, InterruptedException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path output = Files.createTempFile("zkcli", ".out");
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp",
                classpath,
                "org.apache.zookeeper.ZooKeeperMain",
                "-server",
                connectString)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    if (!process.waitFor(Clients.WAIT_SECONDS * 2, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("zkCli did not finish: " + Files.readString(output));
    }
    List<String> lines = Files.readAllLines(output);
    Files.delete(output);
    return lines;
  }
}

package io.zkensemble.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/zkensemble-server.sh} with a clean environment: the JDK of this test as
 * JAVA_HOME, the given ZOO_LOG_DIR, and none of zkServer.sh's other variables.
 */
final class ServerScript {
  /** The script at the repository root; failsafe runs with the node module as cwd. */
  static final Path SCRIPT =
      Path.of("..", "bin", "zkensemble-server.sh").toAbsolutePath().normalize();

  /** What one run of the script printed (stdout and stderr) and its exit code. */
  record Result(int exitCode, String output) {}

  private ServerScript() {}

  /** Runs {@code zkensemble-server.sh command cfg} and waits for the script to finish. */
  static Result run(String command, Path cfg, Path logDir) throws InterruptedException {
    try {
      Files.createDirectories(logDir);
      Path output = Files.createTempFile(logDir, "script-" + command + "-", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder("bash", SCRIPT.toString(), command, cfg.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeAll(List.of("ZOOCFGDIR", "ZOOPIDFILE", "SERVER_JVMFLAGS", "JVMFLAGS"));
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("ZOO_LOG_DIR", logDir.toString());
      Process process = builder.start();
      // restart may wait for a stop and then a start.
      if (!process.waitFor(NodeProcess.DEADLINE.toSeconds() * 2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish:\n" + Files.readString(output));
      }
      return new Result(
          process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

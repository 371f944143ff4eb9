package io.zkensemble.operator.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator as a process of its own, pointed at the mock API server, as a Deployment
 * would run it in a cluster; so it can be killed and started again in the middle of a change. It is
 * the build of profile e2e ({@code operator/target/e2e-app}): the same application, without
 * server-side apply, which the mock lacks.
 */
final class OperatorProcess implements AutoCloseable {
  static final Path JAR = E2eFiles.module("operator").resolve("target/e2e-app/quarkus-run.jar");

  private final List<String> command;
  private final Path log;
  private Process process;

  /**
   * @param apiServer the API server's URL
   * @param dnsOptions the JVM options that resolve pod and Service names (the harness's DNS)
   * @param log where its output goes, every start appended
   */
  OperatorProcess(String apiServer, List<String> dnsOptions, Path log) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build it with ./mvnw package");
    }
    this.log = log;
    command = new ArrayList<>(List.of(E2eFiles.java(), "-Xmx256m", "-XX:+UseSerialGC"));
    command.addAll(dnsOptions);
    command.addAll(
        List.of(
            "-Dquarkus.kubernetes-client.api-server-url=" + apiServer,
            "-Dquarkus.kubernetes-client.trust-certs=true",
            // Its health endpoints on any free port: members hold the admin port 8080.
            "-Dquarkus.http.port=0",
            "-jar",
            JAR.toString()));
  }

  void start() {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "---- operator started\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL, as a node failure or an OOM kill would stop it: nothing of it runs to the end. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}

package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The packaged node ({@code node/target/quarkus-app/quarkus-run.jar}) running as a real process,
 * its stdout and stderr going to {@code node.out} in its working directory.
 */
final class NodeProcess implements AutoCloseable {
  /** The jar `package` builds; failsafe runs after it, with the module directory as cwd. */
  static final Path JAR =
      Path.of("..", "node", "target", "quarkus-app", "quarkus-run.jar")
          .toAbsolutePath()
          .normalize();

  /** How long anything a node process does may take: JVM start is 1-2 s, a loaded CI more. */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(50);

  private final Process process;
  private final Path output;

  private NodeProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Runs {@code java -jar quarkus-run.jar args...} in {@code workDir}. */
  static NodeProcess start(Path workDir, String... args) {
    return start(workDir, List.of(), args);
  }

  /** Runs {@code java jvmOptions... -jar quarkus-run.jar args...} in {@code workDir}. */
  static NodeProcess start(Path workDir, List<String> jvmOptions, String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing; build it with ./mvnw package");
    }
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path output = workDir.resolve("node.out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      return new NodeProcess(process, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java running this test, i.e. the build's JDK. */
  static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
  }

  /** Waits until srvr on {@code port} says standalone; fails at once if the process exits. */
  void awaitServing(int port) {
    awaitAlive("serving srvr on port " + port, () -> Loopback.servesStandalone(port));
  }

  /** Waits until the output contains {@code text}; fails at once if the process exits. */
  void awaitOutput(String text) {
    awaitAlive("logging '" + text + "'", () -> output().contains(text));
  }

  /** Waits for the process to exit and returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the node did not exit within " + DEADLINE + "\n" + output());
    }
    return process.exitValue();
  }

  /** Sends SIGTERM, as {@code kill PID} and Kubernetes do. */
  void sigterm() {
    process.destroy();
  }

  /**
   * Sends SIGKILL, as a crash would stop the node: no shutdown hook runs, nothing buffered in the
   * process is written. Returns the exit code once it is gone.
   */
  int sigkill() throws InterruptedException {
    process.destroyForcibly();
    return awaitExit();
  }

  /** Everything the process wrote so far. */
  String output() {
    try {
      return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the process if it still runs: SIGTERM, then SIGKILL after the deadline. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private void awaitAlive(String what, Callable<Boolean> condition) {
    try {
      await(what)
          .atMost(DEADLINE)
          .pollInterval(POLL)
          .failFast("the node exited", () -> !process.isAlive())
          .until(condition);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "\n" + output(), e);
    }
  }
}

package io.zkensemble.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end, with a deadline, keeping what it printed. */
final class Command {
  /** What a run printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output) {}

  private Command() {}

  /**
   * Runs {@code command}; fails the test with the output so far if it has not exited within {@code
   * deadline} (and kills it). A program that cannot be started at all yields exit code 127, as in a
   * shell, with the reason as its output.
   */
  static Result run(Duration deadline, String... command) throws InterruptedException {
    try {
      Path output = Files.createTempFile("command-", ".out");
      try {
        Process process;
        try {
          process =
              new ProcessBuilder(command)
                  .redirectErrorStream(true)
                  .redirectOutput(output.toFile())
                  .start();
        } catch (IOException e) {
          return new Result(127, "cannot run " + command[0] + ": " + e.getMessage());
        }
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(
              String.join(" ", List.of(command))
                  + " did not finish within "
                  + deadline
                  + ":\n"
                  + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.delete(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

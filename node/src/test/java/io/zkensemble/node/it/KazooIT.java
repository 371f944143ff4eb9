package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kazoo, the Python client (Debian's python3-kazoo, kazoo 2.8), against the packaged node: {@code
 * src/test/python/kazoo_check.py} does CRUD, watches, a session resumed after a dropped connection,
 * transactions and the Lock recipe, and must pass every check.
 */
class KazooIT {
  /**
   * Debian's Python, the one python3-kazoo installs for; another python3 may come first on the
   * PATH.
   */
  private static final String PYTHON = "/usr/bin/python3";

  /** The script; failsafe runs with the node module as cwd. */
  private static final Path SCRIPT =
      Path.of("src", "test", "python", "kazoo_check.py").toAbsolutePath();

  /** The script's checks take seconds; each of its own waits is bounded by 20 s. */
  private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(3);

  /** apt-get may download the package index and the package. */
  private static final Duration APT_DEADLINE = Duration.ofMinutes(5);

  @TempDir Path dir;

  /** Installs python3-kazoo if it is missing (as .ci/run does), refreshing the index if needed. */
  @BeforeAll
  static void kazooInstalled() throws InterruptedException {
    if (importsKazoo().exitCode() == 0) {
      return;
    }
    StringBuilder tried = new StringBuilder();
    Command.Result install = aptGet(tried, "install", "-y", "-qq", "python3-kazoo");
    if (install.exitCode() != 0) {
      aptGet(tried, "update", "-qq");
      aptGet(tried, "install", "-y", "-qq", "python3-kazoo");
    }
    Command.Result imported = importsKazoo();
    assertEquals(
        0,
        imported.exitCode(),
        "KazooIT needs kazoo for "
            + PYTHON
            + ": install it with `apt-get install -y python3-kazoo` (Debian's python3-kazoo)."
            + tried
            + "\nimport kazoo said:\n"
            + imported.output());
  }

  private static Command.Result aptGet(StringBuilder tried, String... arguments)
      throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("apt-get"));
    command.addAll(List.of(arguments));
    Command.Result result = Command.run(APT_DEADLINE, command.toArray(String[]::new));
    tried
        .append("\n")
        .append(String.join(" ", command))
        .append(" exited with ")
        .append(result.exitCode())
        .append(":\n")
        .append(result.output());
    return result;
  }

  private static Command.Result importsKazoo() throws InterruptedException {
    return Command.run(SCRIPT_DEADLINE, PYTHON, "-c", "import kazoo");
  }

  @Test
  void kazooCheckPasses() throws Exception {
    int port = Loopback.freePort();
    try (NodeProcess node = NodeProcess.start(dir, ZooCfgFile.standalone(dir, port).toString())) {
      node.awaitServing(port);

      Command.Result check =
          Command.run(SCRIPT_DEADLINE, PYTHON, SCRIPT.toString(), Loopback.HOST + ":" + port);

      String report =
          "kazoo_check.py said:\n" + check.output() + "\nthe node said:\n" + node.output();
      assertEquals(0, check.exitCode(), report);
      assertTrue(check.output().contains("5 passed, 0 failed"), report);
    }
  }
}

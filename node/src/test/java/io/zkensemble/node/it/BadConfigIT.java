package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A config the node cannot run with stops it at once with Apache's exit code for a bad invocation,
 * and its log names the culprit; a key it does not know is only logged.
 */
class BadConfigIT {
  /** Apache ZooKeeper's ExitCode.INVALID_INVOCATION. */
  private static final int EXIT_INVALID_CONFIG = 2;

  @TempDir Path dir;

  /** Each case: the key the log must name, then the zoo.cfg lines (dataDir relative to cwd). */
  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("dataDir", new String[] {"clientPort=0"}),
        Arguments.of("clientPort", new String[] {"dataDir=data", "clientPort=70000"}),
        Arguments.of("clientPort", new String[] {"dataDir=data", "clientPort=abc"}),
        Arguments.of("tickTime", new String[] {"dataDir=data", "clientPort=0", "tickTime=abc"}),
        Arguments.of("tickTime", new String[] {"dataDir=data", "clientPort=0", "tickTime=-5"}),
        Arguments.of(
            "myid",
            new String[] {
              "dataDir=data",
              "initLimit=5",
              "syncLimit=2",
              "server.1=127.0.0.1:2888:3888;2181",
              "server.2=127.0.0.2:2888:3888;2182"
            }),
        Arguments.of(
            "server.2",
            new String[] {
              "dataDir=data",
              "clientPort=0",
              "server.1=127.0.0.1:2888:3888",
              "server.2=127.0.0.2:2888"
            }));
  }

  @ParameterizedTest(name = "{1} names {0}")
  @MethodSource("badConfigs")
  void badValueExitsNamingTheKey(String key, String[] lines) throws Exception {
    Path cfg = ZooCfgFile.write(dir, lines);
    assertExitsWith(key, cfg.toString());
  }

  @Test
  void missingConfigFileExitsNamingTheFile() throws Exception {
    String missing = dir.resolve("missing.cfg").toString();
    assertExitsWith(missing, missing);
  }

  @Test
  void noArgumentExitsWithUsage() throws Exception {
    assertExitsWith("Usage");
  }

  @Test
  void unknownKeyIsLoggedAndIgnored() throws Exception {
    int port = Loopback.freePort();
    Path cfg = ZooCfgFile.standalone(dir, port, "fooBar=1");
    try (NodeProcess node = NodeProcess.start(dir, cfg.toString())) {
      node.awaitServing(port);
      node.awaitOutput("fooBar");
    }
  }

  /** Runs the jar with {@code args}; it must exit with 2 and log an error naming the culprit. */
  private void assertExitsWith(String expectedInOutput, String... args) throws Exception {
    try (NodeProcess node = NodeProcess.start(dir, args)) {
      assertEquals(EXIT_INVALID_CONFIG, node.awaitExit(), node.output());
      String output = node.output();
      assertTrue(
          output
              .lines()
              .anyMatch(line -> line.contains("ERROR") && line.contains(expectedInOutput)),
          "an ERROR line names " + expectedInOutput + ":\n" + output);
    }
  }
}

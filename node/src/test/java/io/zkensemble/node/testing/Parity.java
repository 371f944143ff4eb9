package io.zkensemble.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one scenario against Apache ZooKeeper 3.9.5 and against our node, each fresh with tickTime
 * 2000, and requires the same transcript from both.
 */
public final class Parity {
  /** A scenario: drives a server and writes down what it observed. */
  public interface Scenario {
    List<String> run(ZkServer server) throws Exception;
  }

  private Parity() {}

  /** Asserts both servers give the same transcript; returns ours for further checks. */
  public static List<String> assertSameAsApache(Scenario scenario) throws Exception {
    List<String> apache;
    try (ApacheNode server = ApacheNode.start(2000)) {
      apache = scenario.run(server);
    }
    List<String> ours;
    try (TestNode server = TestNode.start("tickTime=2000")) {
      ours = scenario.run(server);
    }
    assertSameLines("apache", apache, "ours", ours);
    return ours;
  }

  /**
   * Asserts two transcripts are equal; when not, leaves both in target/parity-failures/ (named
   * after the calling test) for a diff tool.
   */
  public static void assertSameLines(
      String expectedName, List<String> expected, String actualName, List<String> actual)
      throws IOException {
    if (!expected.equals(actual)) {
      String test =
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames
                          .map(f -> f.getClassName() + "." + f.getMethodName())
                          .filter(name -> name.contains("Test."))
                          .findFirst()
                          .orElse("unknown"));
      Path dir = Path.of("target", "parity-failures");
      Files.createDirectories(dir);
      Files.write(dir.resolve(test + "." + expectedName + ".txt"), expected);
      Files.write(dir.resolve(test + "." + actualName + ".txt"), actual);
    }
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }
}

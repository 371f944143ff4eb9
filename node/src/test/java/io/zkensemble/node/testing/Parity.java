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
    if (!apache.equals(ours)) {
      writeForDiff(apache, ours);
    }
    assertEquals(String.join("\n", apache), String.join("\n", ours));
    return ours;
  }

  /** Leaves both transcripts in target/parity-failures/ for a diff tool. */
  private static void writeForDiff(List<String> apache, List<String> ours) throws IOException {
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
    Files.write(dir.resolve(test + ".apache.txt"), apache);
    Files.write(dir.resolve(test + ".ours.txt"), ours);
  }
}

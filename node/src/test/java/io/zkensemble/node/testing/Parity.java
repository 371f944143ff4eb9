package io.zkensemble.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals(String.join("\n", apache), String.join("\n", ours));
    return ours;
  }
}

package io.zkensemble.node.admin;

import static org.awaitility.Awaitility.await;

import io.zkensemble.node.testing.TestEnsemble;
import io.zkensemble.node.testing.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Readiness (/q/health/ready) means serving every client: a standalone node once started; an
 * ensemble member only while it has an established leader and is in sync with it.
 */
class ReadinessTest {
  /** Long enough for an election and a sync on a busy 2-core machine. */
  private static final Duration ELECTION = Duration.ofSeconds(30);

  @Test
  void aStartedStandaloneNodeIsReady() {
    try (TestNode node = TestNode.start()) {
      await().atMost(ELECTION).until(() -> node.node().pipeline().servesAll());
    }
  }

  @Test
  void aMemberIsReadyWithAQuorumAndNotWhileLookingForOne() {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      ensemble.stopServer(3);
      await().atMost(ELECTION).until(() -> ready(ensemble, 1) && ready(ensemble, 2));
      ensemble.stopServer(2);
      // Alone of three, server 1 looks for a leader and cannot serve.
      await().atMost(ELECTION).until(() -> !ready(ensemble, 1));
      ensemble.startServer(2);
      await().atMost(ELECTION).until(() -> ready(ensemble, 1) && ready(ensemble, 2));
    }
  }

  private static boolean ready(TestEnsemble ensemble, long id) {
    return ensemble.node(id).pipeline().servesAll();
  }
}

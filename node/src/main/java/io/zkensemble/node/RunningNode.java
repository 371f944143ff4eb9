package io.zkensemble.node;

import io.quarkus.runtime.ShutdownEvent;
import io.zkensemble.node.admin.AdminCommands;
import io.zkensemble.node.admin.AdminEndpoint;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Stops the node when Quarkus shuts down. On SIGTERM Quarkus stops the application from its
 * shutdown hook while the main thread is still waking up, and it closes Vert.x right after its
 * ShutdownEvent: stopping the node here, not in the main thread, lets it drain on live event loops.
 */
@Singleton
public class RunningNode {
  private static final Logger LOG = Logger.getLogger(RunningNode.class);
  private static final long STOP_TIMEOUT_SECONDS = 10;

  private ZkNode node;
  private AdminEndpoint admin;

  synchronized void set(ZkNode node, String initialConfiguration) {
    this.node = node;
    this.admin =
        new AdminEndpoint(
            node.pipeline(),
            new AdminCommands(node.status(), initialConfiguration),
            node::transferLeadership);
  }

  /** The node once it started; null before and after. */
  public synchronized ZkNode current() {
    return node;
  }

  /** Its admin commands once it started; null before and after. */
  public synchronized AdminEndpoint admin() {
    return admin;
  }

  synchronized void stop(@Observes ShutdownEvent event) throws Exception {
    if (node == null) {
      return;
    }
    try {
      node.stop()
          .toCompletionStage()
          .toCompletableFuture()
          .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("Node stopped: clients disconnected, data directory closed");
    } catch (TimeoutException e) {
      LOG.warnf("The node did not stop within %d s", STOP_TIMEOUT_SECONDS);
    } finally {
      node = null;
      admin = null;
    }
  }
}

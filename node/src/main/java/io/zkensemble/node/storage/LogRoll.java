package io.zkensemble.node.storage;

import io.vertx.core.Context;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * When a group-commit thread rolls its log: after about snapCount transactions in a file, a random
 * point between half and all of it (Apache's SyncRequestProcessor.shouldSnapshot), so that the
 * servers of an ensemble do not all snapshot at once. A roll asks for a snapshot.
 */
final class LogRoll {
  private static final Logger LOG = Logger.getLogger(LogRoll.class);

  private final int snapCount;
  private int rollAfter;

  LogRoll(int snapCount) {
    this.snapCount = snapCount;
    this.rollAfter = nextRollPoint();
  }

  /** Rolls {@code writer}'s file if it is due, then runs {@code snapshotDue} on {@code context}. */
  void rollIfDue(TxnLogWriter writer, Context context, Runnable snapshotDue) {
    if (writer.txnsInFile() < rollAfter) {
      return;
    }
    try {
      writer.roll();
      rollAfter = nextRollPoint();
      context.runOnContext(v -> snapshotDue.run());
    } catch (IOException e) {
      LOG.warn("Could not close the transaction log at a roll; the next batch retries", e);
    }
  }

  private int nextRollPoint() {
    return snapCount / 2 + ThreadLocalRandom.current().nextInt(Math.max(1, snapCount / 2));
  }
}

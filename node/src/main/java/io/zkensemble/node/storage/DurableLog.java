package io.zkensemble.node.storage;

import io.vertx.core.Context;
import io.zkensemble.node.request.Committer;
import io.zkensemble.node.txn.Transaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Group commit: one thread takes every transaction proposed since its last batch, appends them to
 * the log and forces them to disk once, and only then hands them back as committed, in order, on
 * the pipeline's thread. A transaction is never committed (so never applied or acknowledged) before
 * it is on disk. After about snapCount transactions (a random point between half and all of it, as
 * Apache's SyncRequestProcessor picks) the log rolls and a snapshot is asked for.
 */
public final class DurableLog implements Committer, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DurableLog.class);

  /** At most this many transactions share one fsync. */
  private static final int MAX_BATCH = 1000;

  private static final Transaction STOP = new Transaction(null, null);

  /** What the pipeline hears back, always on its own thread. */
  public interface Listener {
    /** These transactions are on disk, in order. */
    void durable(List<Transaction> batch);

    /** Writing failed: these transactions, and any proposed after them, will never be durable. */
    void failed(List<Transaction> lost, IOException cause);

    /** The log rolled: time for a snapshot. */
    void snapshotDue();
  }

  private final TxnLogWriter writer;
  private final Context context;
  private final Listener listener;
  private final LinkedBlockingQueue<Transaction> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final LogRoll roll;
  private volatile boolean failed;

  DurableLog(TxnLogWriter writer, int snapCount, Context context, Listener listener) {
    this.writer = writer;
    this.context = context;
    this.listener = listener;
    this.roll = new LogRoll(snapCount);
    this.thread = new Thread(this::run, "zkensemble-txnlog");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void propose(Transaction txn) {
    queue.add(txn);
  }

  private void run() {
    List<Transaction> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        boolean stop = batch.remove(STOP);
        if (!batch.isEmpty()) {
          write(List.copyOf(batch));
        }
        batch.clear();
        if (stop) {
          break;
        }
      }
      writer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.error("Could not close the transaction log", e);
    }
  }

  private void write(List<Transaction> batch) {
    if (failed) {
      context.runOnContext(v -> listener.failed(batch, new IOException("an earlier write failed")));
      return;
    }
    try {
      writer.append(batch);
    } catch (IOException e) {
      failed = true;
      LOG.errorf(
          e,
          "Writing the transaction log failed (zxid 0x%x..0x%x); this node acknowledges no more"
              + " writes until it is restarted once the cause is fixed",
          batch.get(0).zxid(),
          batch.get(batch.size() - 1).zxid());
      context.runOnContext(v -> listener.failed(batch, e));
      return;
    }
    context.runOnContext(v -> listener.durable(batch));
    roll.rollIfDue(writer, context, listener::snapshotDue);
  }

  /** Writes what is queued, then stops the thread. */
  @Override
  public void close() throws InterruptedException {
    queue.add(STOP);
    thread.join();
  }
}

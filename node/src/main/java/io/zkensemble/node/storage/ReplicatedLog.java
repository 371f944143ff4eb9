package io.zkensemble.node.storage;

import io.vertx.core.Context;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Zxid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import org.jboss.logging.Logger;

/**
 * The storage side of a replicated server: the consensus core's numbered storage operations
 * (Effect.Append, Truncate, InstallSnapshot), carried out in order by one thread.
 *
 * <ol>
 *   <li>Appends are group-committed: the thread takes what is queued (at most {@link #MAX_BATCH}),
 *       writes one record per entry (its payload as it is), forces once, and reports the batch's
 *       last operation as persisted on the pipeline's context.
 *   <li>Truncate and InstallSnapshot are barriers: the caller (the pipeline's thread) waits while
 *       the storage thread makes everything queued before durable and then rewrites the data
 *       directory ({@link Rollback}); the caller then brings its state along, and reports.
 *   <li>After about snapCount appends in a file (a random point between half and all of it, as
 *       Apache's SyncRequestProcessor picks) the log rolls and a snapshot is asked for.
 *   <li>The first failure is reported once; nothing after it is ever reported persisted.
 * </ol>
 */
public final class ReplicatedLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReplicatedLog.class);

  /** At most this many operations are taken at once, so at most this many appends share a force. */
  private static final int MAX_BATCH = 1000;

  /** What the pipeline hears back, always on its own context, in order. */
  public interface Listener {
    /** Every storage operation up to {@code seq} is durable. */
    void persisted(long seq);

    /** The log rolled: time for a snapshot. */
    void snapshotDue();

    /** Storage failed: no operation after the last one reported will ever be persisted. */
    void failed(Exception cause);
  }

  private sealed interface Op {}

  private record Append(long seq, Entry entry) implements Op {}

  /** Runs on the storage thread once every operation before it is durable. */
  private record Barrier(Task task, CompletableFuture<Void> done) implements Op {}

  private record Stop() implements Op {}

  @FunctionalInterface
  private interface Rewrite {
    void run() throws StorageException;
  }

  private interface Task {
    void run() throws IOException, StorageException;
  }

  private final TxnLogWriter writer;
  private final Rollback rollback;
  private final Lock dataDirChanges;
  private final Context context;
  private final Listener listener;
  private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean failed = new AtomicBoolean();
  private final Thread thread;
  private final LogRoll roll;

  // Checked on the caller's thread, which numbers the operations.
  private long lastSeq;
  private long lastZxid;

  ReplicatedLog(
      TxnLogWriter writer,
      Rollback rollback,
      Lock dataDirChanges,
      int snapCount,
      long lastLoggedZxid,
      Context context,
      Listener listener) {
    this.writer = writer;
    this.rollback = rollback;
    this.dataDirChanges = dataDirChanges;
    this.lastZxid = lastLoggedZxid;
    this.context = context;
    this.listener = listener;
    this.roll = new LogRoll(snapCount);
    this.thread = new Thread(this::run, "zkensemble-replicated-log");
    thread.setDaemon(true);
    thread.start();
  }

  /** Storage operation {@code seq}: append {@code entry} to the log. */
  public void append(long seq, Entry entry) {
    check(entry.zxid() > lastZxid, "append " + hex(entry) + " after " + Zxid.hex(lastZxid));
    check(
        entry.payload().length >= TxnLogReader.ZXID_IN_RECORD + Long.BYTES
            && ByteBuffer.wrap(entry.payload()).getLong(TxnLogReader.ZXID_IN_RECORD)
                == entry.zxid(),
        hex(entry) + ": its payload does not start with a TxnHeader of that zxid");
    next(seq);
    lastZxid = entry.zxid();
    queue.add(new Append(seq, entry));
  }

  /**
   * Storage operation {@code seq}: drops every logged transaction and snapshot after {@code zxid}
   * and reloads {@code db} to exactly {@code zxid} (Apache's ZKDatabase.truncateLog). Blocks until
   * done; call on the pipeline's thread, which owns {@code db}.
   *
   * @throws StorageException when it cannot be done (no snapshot at or before {@code zxid}, a
   *     failed disk); {@code db} is then unusable, and the listener hears {@code failed}
   */
  public void truncate(long seq, long zxid, ZkDatabase db) throws StorageException {
    rewrite(
        seq,
        zxid,
        () -> {
          barrier(() -> rollback.truncate(zxid));
          long reloaded = rollback.reload(db).lastZxid();
          if (reloaded != zxid) {
            throw new StorageException(
                "truncated to " + Zxid.hex(zxid) + " but reloading gave " + Zxid.hex(reloaded));
          }
        });
  }

  /**
   * Storage operation {@code seq}: writes {@code loaded}, the leader's snapshot at {@code zxid}
   * (its lastProcessedZxid), as snapshot.{@code zxid}, drops every logged transaction after {@code
   * zxid}, and starts a new log file for what follows. Blocks until done; {@code loaded} must not
   * change meanwhile.
   *
   * @throws StorageException when it cannot be done; the listener hears {@code failed}
   */
  public void installSnapshot(long seq, long zxid, ZkDatabase loaded) throws StorageException {
    check(
        loaded.tree().lastProcessedZxid() == zxid,
        "the snapshot to install at "
            + Zxid.hex(zxid)
            + " is at "
            + Zxid.hex(loaded.tree().lastProcessedZxid()));
    rewrite(seq, zxid, () -> barrier(() -> rollback.install(zxid, loaded)));
  }

  /**
   * Storage operation {@code seq} that rewrites the data directory so that it ends at {@code zxid}:
   * runs alone (no purge meanwhile); a failure fails the storage for good.
   */
  private void rewrite(long seq, long zxid, Rewrite rewrite) throws StorageException {
    next(seq);
    dataDirChanges.lock();
    try {
      rewrite.run();
    } catch (StorageException | RuntimeException e) {
      fail(e);
      throw e;
    } finally {
      dataDirChanges.unlock();
    }
    lastZxid = zxid;
    context.runOnContext(v -> listener.persisted(seq));
  }

  private void next(long seq) {
    check(seq == lastSeq + 1, "storage operation " + seq + " after " + lastSeq);
    lastSeq = seq;
  }

  /** Queues {@code task} behind every operation before it and waits until it has run. */
  private void barrier(Task task) throws StorageException {
    if (failed.get()) {
      throw new StorageException("storage failed earlier; this node cannot go on");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Barrier(task, done));
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StorageException cause) {
        throw cause;
      }
      throw new StorageException(e.getCause().getMessage(), e.getCause());
    }
  }

  private void run() {
    List<Op> ops = new ArrayList<>(MAX_BATCH);
    List<Entry> batch = new ArrayList<>(MAX_BATCH);
    long batchSeq = 0;
    try {
      while (true) {
        ops.add(queue.take());
        queue.drainTo(ops, MAX_BATCH - 1);
        for (Op op : ops) {
          switch (op) {
            case Append append -> {
              batch.add(append.entry());
              batchSeq = append.seq();
            }
            case Barrier barrier -> {
              write(batch, batchSeq);
              run(barrier);
            }
            case Stop stop -> {
              write(batch, batchSeq);
              writer.close();
              return;
            }
          }
        }
        write(batch, batchSeq);
        ops.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.error("Could not close the transaction log", e);
    }
  }

  /** Writes and forces {@code batch}, reports {@code seq} persisted, and empties the batch. */
  private void write(List<Entry> batch, long seq) {
    if (batch.isEmpty()) {
      return;
    }
    List<byte[]> records = batch.stream().map(Entry::payload).toList();
    long first = batch.get(0).zxid();
    long last = batch.get(batch.size() - 1).zxid();
    batch.clear();
    if (failed.get()) {
      return;
    }
    try {
      writer.appendRecords(first, records);
    } catch (IOException e) {
      LOG.errorf(
          e,
          "Writing the transaction log failed (zxid %s..%s); this node persists nothing more until"
              + " it is restarted once the cause is fixed",
          Zxid.hex(first),
          Zxid.hex(last));
      fail(e);
      return;
    }
    context.runOnContext(v -> listener.persisted(seq));
    roll.rollIfDue(writer, context, listener::snapshotDue);
  }

  private void run(Barrier barrier) {
    if (failed.get()) {
      barrier.done.completeExceptionally(
          new StorageException("storage failed earlier; this node cannot go on"));
      return;
    }
    try {
      // The next append starts a new file, after whatever the task leaves.
      writer.roll();
      barrier.task.run();
      barrier.done.complete(null);
    } catch (IOException | StorageException | RuntimeException e) {
      barrier.done.completeExceptionally(e);
    }
  }

  /** The first failure is reported; nothing is persisted after it. */
  private void fail(Exception cause) {
    if (failed.compareAndSet(false, true)) {
      context.runOnContext(v -> listener.failed(cause));
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String hex(Entry entry) {
    return Zxid.hex(entry.zxid());
  }

  /** Writes what is queued, then stops the thread; nothing may be queued after this. */
  @Override
  public void close() throws InterruptedException {
    queue.add(new Stop());
    thread.join();
  }
}

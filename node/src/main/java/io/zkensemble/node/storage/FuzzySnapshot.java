package io.zkensemble.node.storage;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.SnapshotCursor;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.JuteOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Takes a snapshot while the node keeps serving, as Apache's are taken (fuzzy): the pipeline's
 * thread encodes the tree a few hundred nodes at a time between requests and hands the bytes to a
 * writer thread through a bounded queue; the snapshot is named after the last zxid applied when it
 * began, and replaying the log after that zxid makes any snapshot exact.
 *
 * <p>Exactly one encoding step is pending at any time: a step either schedules the next one, or
 * finds the queue full and parks; the writer, after taking a chunk, and the parking step itself (if
 * room appeared meanwhile) race to resume it, and only the one that clears {@code parked} does.
 */
final class FuzzySnapshot {
  private static final Logger LOG = Logger.getLogger(FuzzySnapshot.class);

  /** Nodes encoded per turn of the pipeline's event loop. */
  static final int NODES_PER_STEP = 500;

  /** Encoded chunks waiting for the writer; the encoder parks when they are this many. */
  static final int QUEUED_CHUNKS = 32;

  private static final Buffer END = Buffer.buffer();
  private static final Buffer ABORT = Buffer.buffer();

  private final ZkDatabase db;
  private final Executor pipeline;
  private final SnapshotCursor cursor;
  private final ArrayBlockingQueue<Buffer> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final AtomicBoolean parked = new AtomicBoolean();
  private volatile boolean writerFailed;
  private volatile long lastZxidAtEnd;

  private FuzzySnapshot(ZkDatabase db, Executor pipeline) {
    this.db = db;
    this.pipeline = pipeline;
    this.cursor = db.tree().snapshotCursor();
  }

  /**
   * Starts a snapshot of {@code db}; must be called on the pipeline's thread, which {@code
   * pipeline} runs tasks on. {@code done} gets the file written, or null when it failed (logged),
   * on the pipeline's thread.
   */
  static void start(
      ZkDatabase db,
      Executor pipeline,
      Executor writerThread,
      SnapshotSettings settings,
      Consumer<Path> done) {
    FuzzySnapshot snapshot = new FuzzySnapshot(db, pipeline);
    long zxid = db.tree().lastProcessedZxid();
    Buffer head = Buffer.buffer(4096);
    Snapshots.writeHead(new JuteOutput(head), db.sessionTimeouts(), db.tree().aclsByRef());
    snapshot.chunks.add(head);
    writerThread.execute(() -> snapshot.write(settings, zxid, done));
    snapshot.step();
  }

  /** Encodes the next nodes (or adds the end), unless the writer is behind. */
  private void step() {
    if (writerFailed) {
      return;
    }
    if (chunks.remainingCapacity() == 0) {
      parked.set(true);
      // The writer may have taken a chunk before it could see the flag.
      if (chunks.remainingCapacity() == 0 || !parked.compareAndSet(true, false)) {
        return;
      }
    }
    try {
      if (cursor.done()) {
        lastZxidAtEnd = db.tree().lastProcessedZxid();
        chunks.add(END);
        return;
      }
      Buffer chunk = Buffer.buffer(64 * 1024);
      cursor.writeNext(new JuteOutput(chunk), NODES_PER_STEP);
      chunks.add(chunk);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Encoding a snapshot failed; the previous snapshot and the log still hold it");
      // Unblocks the writer whatever it is waiting for; it deletes the unfinished file.
      chunks.clear();
      chunks.add(ABORT);
      return;
    }
    pipeline.execute(this::step);
  }

  /** The writer thread: drains chunks into the file until the end marker, then seals it. */
  private void write(SnapshotSettings settings, long zxid, Consumer<Path> done) {
    Path written = null;
    try (SnapshotFile file =
        new SnapshotFile(
            settings.dir(), zxid, settings.compression(), settings.fsync(), settings.opener())) {
      for (Buffer chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
        if (chunk == ABORT) {
          throw new IOException("the encoder failed");
        }
        if (parked.compareAndSet(true, false)) {
          pipeline.execute(this::step);
        }
        file.write(chunk);
      }
      written = file.finish(lastZxidAtEnd);
      LOG.infof("Snapshot %s written", written.getFileName());
    } catch (IOException e) {
      writerFailed = true;
      LOG.errorf(
          e,
          "Writing snapshot 0x%x failed; the previous snapshot and the log still hold every txn",
          zxid);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writerFailed = true;
    }
    Path result = written;
    pipeline.execute(() -> done.accept(result));
  }
}

package io.zkensemble.node.storage;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.SnapshotCursor;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.JuteOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Takes a snapshot while the node keeps serving, as Apache's are taken (fuzzy): the pipeline's
 * thread encodes the tree a few hundred nodes at a time between requests and hands the bytes to a
 * writer thread through a bounded queue; the snapshot is named after the last zxid applied when it
 * began, and replaying the log after that zxid makes any snapshot exact.
 */
final class FuzzySnapshot {
  private static final Logger LOG = Logger.getLogger(FuzzySnapshot.class);

  /** Nodes encoded per turn of the pipeline's event loop. */
  private static final int NODES_PER_STEP = 500;

  /** Encoded chunks waiting for the writer; the encoder waits when they are this many. */
  private static final int QUEUED_CHUNKS = 32;

  private static final Buffer END = Buffer.buffer();

  private final ZkDatabase db;
  private final Context context;
  private final SnapshotCursor cursor;
  private final ArrayBlockingQueue<Buffer> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private volatile boolean encoderWaiting;
  private volatile boolean writerFailed;
  private long lastZxidAtEnd;

  private FuzzySnapshot(ZkDatabase db, Context context) {
    this.db = db;
    this.context = context;
    this.cursor = db.tree().snapshotCursor();
  }

  /**
   * Starts a snapshot of {@code db}; must be called on the pipeline's thread ({@code context}).
   * {@code done} gets the file written, or null when it failed (logged).
   */
  static void start(
      ZkDatabase db,
      Context context,
      ExecutorService writerThread,
      SnapshotSettings settings,
      Consumer<Path> done) {
    FuzzySnapshot snapshot = new FuzzySnapshot(db, context);
    long zxid = db.tree().lastProcessedZxid();
    Buffer head = Buffer.buffer(4096);
    Snapshots.writeHead(new JuteOutput(head), db.sessionTimeouts(), db.tree().aclsByRef());
    snapshot.chunks.add(head);
    writerThread.execute(() -> snapshot.write(settings, zxid, done));
    snapshot.step();
  }

  /** Encodes the next nodes, unless the writer is behind; yields to requests in between. */
  private void step() {
    if (writerFailed) {
      return;
    }
    while (!cursor.done()) {
      if (chunks.remainingCapacity() == 0) {
        encoderWaiting = true;
        // Checked again: the writer may have taken a chunk after the first look.
        if (chunks.remainingCapacity() == 0) {
          return;
        }
        encoderWaiting = false;
      }
      Buffer chunk = Buffer.buffer(64 * 1024);
      cursor.writeNext(new JuteOutput(chunk), NODES_PER_STEP);
      chunks.add(chunk);
      if (!cursor.done()) {
        context.runOnContext(v -> step());
        return;
      }
    }
    lastZxidAtEnd = db.tree().lastProcessedZxid();
    chunks.add(END);
  }

  /** The writer thread: drains chunks into the file until the end marker, then seals it. */
  private void write(SnapshotSettings settings, long zxid, Consumer<Path> done) {
    Path written = null;
    try (SnapshotFile file =
        new SnapshotFile(
            settings.dir(), zxid, settings.compression(), settings.fsync(), settings.opener())) {
      for (Buffer chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
        file.write(chunk);
        if (encoderWaiting) {
          encoderWaiting = false;
          context.runOnContext(v -> step());
        }
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
    context.runOnContext(v -> done.accept(result));
  }
}

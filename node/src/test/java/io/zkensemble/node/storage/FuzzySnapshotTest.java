package io.zkensemble.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.tree.AclCache;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.TxnApplier;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-off between the encoder (on the pipeline's thread, here a queue of tasks the test runs
 * itself) and the writer thread, at the sizes where the bounded queue fills up: the writer is held
 * until the encoder has gone as far as it can, then released, and the snapshot must be whole.
 */
class FuzzySnapshotTest {
  /** "/", "/zookeeper", "/zookeeper/quota" and "/zookeeper/config", in every tree. */
  private static final int BASE_NODES = 4;

  private final Path dir = TestFiles.tempDir("fuzzy-snapshot");
  private final ExecutorService writer = Executors.newSingleThreadExecutor();

  @AfterEach
  void cleanUp() {
    writer.shutdownNow();
    TestFiles.deleteRecursively(dir);
  }

  /**
   * The head chunk plus {@code chunks} chunks of nodes: at QUEUED_CHUNKS - 1 the last chunk fills
   * the queue while the writer is held, so the end marker has to wait for room.
   */
  @ParameterizedTest
  @ValueSource(
      ints = {
        FuzzySnapshot.QUEUED_CHUNKS - 2,
        FuzzySnapshot.QUEUED_CHUNKS - 1,
        FuzzySnapshot.QUEUED_CHUNKS,
        FuzzySnapshot.QUEUED_CHUNKS + 5
      })
  void aSnapshotIsWholeWhenTheWriterFallsBehind(int chunks) throws Exception {
    ZkDatabase db = treeEncodedIn(chunks);
    CountDownLatch writerHeld = new CountDownLatch(1);
    FileOpener heldOpener =
        (file, options) -> {
          try {
            writerHeld.await();
          } catch (InterruptedException e) {
            throw new InterruptedIOException();
          }
          return FileChannel.open(file, options);
        };
    SnapshotSettings settings = new SnapshotSettings(dir, Compression.NONE, false, heldOpener);
    Tasks pipeline = new Tasks();
    AtomicReference<Path> written = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);

    pipeline.execute(
        () ->
            FuzzySnapshot.start(
                db,
                pipeline,
                writer,
                settings,
                file -> {
                  written.set(file);
                  done.countDown();
                }));
    pipeline.runUntilIdle();
    writerHeld.countDown();
    pipeline.runUntil(done);

    assertNotNull(written.get(), "the snapshot was written");
    ZkDatabase loaded = new ZkDatabase(new EphemeralType(false));
    assertEquals(db.tree().lastProcessedZxid(), Snapshots.load(written.get(), loaded));
    assertEquals(db.tree().nodeCount(), loaded.tree().nodeCount());
    String last = "/n" + (leaves(chunks) - 1);
    assertArrayEquals(db.tree().node(last).data(), loaded.tree().node(last).data(), last);
  }

  /** A tree whose snapshot takes exactly {@code chunks} steps of the encoder. */
  private static ZkDatabase treeEncodedIn(int chunks) {
    ZkDatabase db = new ZkDatabase(new EphemeralType(false));
    assertEquals(BASE_NODES, db.tree().nodeCount() - 1);
    for (int i = 0; i < leaves(chunks); i++) {
      TxnHeader header = new TxnHeader(1, i + 1, i + 1, 0, OpCode.CREATE);
      byte[] data = ("v" + i).getBytes(StandardCharsets.UTF_8);
      CreateTxn create = new CreateTxn("/n" + i, data, AclCache.OPEN_ACL_UNSAFE, false, i + 1);
      assertEquals(0, TxnApplier.apply(db, new Transaction(header, create)).err());
    }
    return db;
  }

  private static int leaves(int chunks) {
    return chunks * FuzzySnapshot.NODES_PER_STEP - BASE_NODES;
  }

  /** The pipeline's thread, played by the test thread: tasks run only when the test says so. */
  private static final class Tasks implements Executor {
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
      queue.add(task);
    }

    /** Runs tasks until none is left: the encoder has parked or finished. */
    void runUntilIdle() {
      for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
        task.run();
      }
    }

    void runUntil(CountDownLatch latch) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (latch.getCount() > 0) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "the snapshot did not finish within 30 s");
        Runnable task = queue.poll(left, TimeUnit.NANOSECONDS);
        if (task != null) {
          task.run();
        }
      }
    }
  }
}

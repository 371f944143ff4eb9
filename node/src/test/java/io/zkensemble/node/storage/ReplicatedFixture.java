package io.zkensemble.node.storage;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.zkensemble.node.config.ZooCfg;
import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.zab.DurableState;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A replicated server's storage in a temporary data directory, started, stopped and restarted as a
 * test says, with what its listener heard: "persisted N", "snapshotDue" and "failed ...".
 */
final class ReplicatedFixture implements AutoCloseable {
  static final int HISTORY_LIMIT = 100;

  final Path dataDir = TestFiles.tempDir("replicated");
  final Path version2 = dataDir.resolve(DataFiles.VERSION_DIR);
  private final Vertx vertx = Vertx.vertx();
  private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

  /** What {@link #awaitPersisted} read past, for {@link #heard}. */
  private final List<String> passedOver = new ArrayList<>();

  private Context context;
  private long lastPersisted;
  Storage storage;
  ReplicatedLog log;
  ZkDatabase db;
  DurableState recovered;

  /** Opens the directory, recovers it and starts the log; zoo.cfg lines may be added. */
  DurableState start(FileOpener opener, String... cfg) throws Exception {
    Properties properties = new Properties();
    properties.load(
        new StringReader(
            "dataDir="
                + dataDir
                + "\nclientPort=0\nclientPortAddress=127.0.0.1\n"
                + String.join("\n", cfg)));
    storage = Storage.open(ZooCfg.parse(properties), opener);
    db = new ZkDatabase(new EphemeralType(false));
    recovered = storage.recoverReplicated(db, HISTORY_LIMIT);
    context = vertx.getOrCreateContext();
    lastPersisted = 0;
    log =
        storage.startReplicatedLog(
            context,
            recovered.lastLoggedZxid(),
            new ReplicatedLog.Listener() {
              @Override
              public void persisted(long seq) {
                events.add("persisted " + seq);
              }

              @Override
              public void snapshotDue() {
                events.add("snapshotDue");
              }

              @Override
              public void failed(Exception cause) {
                events.add("failed " + cause.getMessage());
              }
            });
    return recovered;
  }

  DurableState start(String... cfg) throws Exception {
    return start(FileOpener.DEFAULT, cfg);
  }

  /** Stops the storage thread once it has written what it was given. */
  void stop() throws Exception {
    storage.close();
    storage = null;
  }

  /** Appends {@code txns} as storage operations {@code firstSeq}, {@code firstSeq} + 1, ... */
  void append(long firstSeq, List<Transaction> txns) {
    long seq = firstSeq;
    for (Transaction txn : txns) {
      log.append(seq++, TestTxns.entry(txn));
    }
  }

  /**
   * Waits for {@code seq} to be reported persisted, checking that reports come in order; returns
   * how many reports it took.
   */
  int awaitPersisted(long seq) throws InterruptedException {
    int reports = 0;
    while (lastPersisted < seq) {
      String event = next();
      if (event.startsWith("persisted ")) {
        long persisted = Long.parseLong(event.substring("persisted ".length()));
        assertTrue(persisted > lastPersisted, persisted + " reported after " + lastPersisted);
        lastPersisted = persisted;
        reports++;
      } else {
        passedOver.add(event);
      }
    }
    return reports;
  }

  /** The next thing the listener heard. */
  String next() throws InterruptedException {
    String event = events.poll(Clients.WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(event, "the listener heard nothing in " + Clients.WAIT_SECONDS + " s");
    return event;
  }

  /**
   * Everything the listener heard that no other call took (whatever was posted before this call is
   * included).
   */
  List<String> heard() throws InterruptedException {
    context.runOnContext(v -> events.add("."));
    List<String> heard = new ArrayList<>(passedOver);
    passedOver.clear();
    for (String event = next(); !event.equals("."); event = next()) {
      heard.add(event);
    }
    return heard;
  }

  /** Writes {@code files} as log files directly, one per list, each named after its first zxid. */
  void writeLogs(List<List<Transaction>> files) throws Exception {
    Files.createDirectories(version2);
    for (List<Transaction> file : files) {
      try (TxnLogWriter writer =
          new TxnLogWriter(version2, FileOpener.DEFAULT, 4096, false, new Summary())) {
        writer.append(file);
      }
    }
  }

  /** Writes the state {@code txns} lead to as a snapshot. */
  Path writeSnapshot(List<Transaction> txns) throws Exception {
    Files.createDirectories(version2);
    SnapshotSettings settings =
        new SnapshotSettings(version2, Compression.NONE, false, FileOpener.DEFAULT);
    return SnapshotFile.writeWhole(TestTxns.apply(txns), settings);
  }

  @Override
  public void close() throws Exception {
    if (storage != null) {
      stop();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    TestFiles.deleteRecursively(dataDir);
  }
}

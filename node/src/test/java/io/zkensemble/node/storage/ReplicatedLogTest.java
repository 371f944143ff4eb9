package io.zkensemble.node.storage;

import static io.zkensemble.node.storage.TestTxns.concat;
import static io.zkensemble.node.storage.TestTxns.history;
import static io.zkensemble.node.storage.TestTxns.upTo;
import static io.zkensemble.node.storage.TestTxns.zxid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.zab.DurableState;
import io.zkensemble.node.zab.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The storage side of a replicated server on real files: appends are group-committed and reported
 * in order; a truncation drops exactly the transactions (and snapshots) after its zxid and brings
 * the state back to it; an installed snapshot replaces what was logged after it; each leaves a
 * directory that restarts into the same state, and that Apache ZooKeeper reads the same way.
 */
class ReplicatedLogTest {
  private final ReplicatedFixture node = new ReplicatedFixture();

  /** Our own history: epoch 1, counters 1..40. */
  private final List<Transaction> ours = history("ours", 1, 1, 40);

  @AfterEach
  void cleanUp() throws Exception {
    node.close();
  }

  @Test
  void appendsAreReportedPersistedInOrderAndSurviveARestart() throws Exception {
    startInEpochOne();
    List<Transaction> txns = history("n", 1, 1, 500);
    node.append(1, txns);
    int reports = node.awaitPersisted(txns.size());
    assertTrue(reports <= txns.size(), reports + " reports");
    node.stop();

    DurableState restarted = node.start();
    assertEquals(txns.get(txns.size() - 1).zxid(), restarted.lastLoggedZxid());
    assertEquals(0, restarted.snapshotZxid());
    List<Transaction> recent =
        txns.subList(txns.size() - ReplicatedFixture.HISTORY_LIMIT, txns.size());
    assertEquals(recent.stream().map(TestTxns::entry).toList(), restarted.recentEntries());
    assertSameState(txns, node.db);
    assertApacheReads(txns);
    assertEquals(List.of("snapshot.0"), names(DataFiles.snapshots(node.version2)));
  }

  @Test
  void aRolledLogAsksForASnapshot() throws Exception {
    // snapCount=2: the log rolls after every batch.
    node.start("snapCount=2");
    node.storage.persistAcceptedEpoch(1);
    List<Transaction> txns = history("n", 1, 1, 2);
    node.append(1, txns.subList(0, 1));
    node.awaitPersisted(1);
    node.append(2, txns.subList(1, 2));
    node.awaitPersisted(2);
    node.stop();
    assertEquals(List.of("snapshotDue", "snapshotDue"), node.heard());
    assertTrue(DataFiles.logs(node.version2).size() > 1, "the log rolled");
  }

  @Test
  void truncateInTheMiddleOfALogFile() throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(ours.subList(0, 30)));
    node.start();
    long to = zxid(1, 20);

    node.log.truncate(1, to, node.db);

    Path log = DataFiles.logs(node.version2).get(0);
    assertEquals(endOfRecords(upTo(ours, to)), Files.size(log), "cut right after the record");
    assertSameState(upTo(ours, to), node.db);
    assertEquals(List.of("persisted 1"), node.heard());
    node.storage.persistAcceptedEpoch(2);
    List<Transaction> next = history("next", 2, 1, 5);
    node.append(2, next);
    node.awaitPersisted(6);
    node.stop();
    List<Transaction> expected = concat(upTo(ours, to), next);
    assertApacheReads(expected);
    DurableState restarted = node.start();
    assertEquals(zxid(2, 5), restarted.lastLoggedZxid());
    assertSameState(expected, node.db);
  }

  @Test
  void truncateAtAFileBoundaryDeletesTheLaterFiles() throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(ours.subList(0, 10), ours.subList(10, 20), ours.subList(20, 30)));
    node.start();
    Path first = DataFiles.logs(node.version2).get(0);

    node.log.truncate(1, zxid(1, 10), node.db);

    assertEquals(List.of(first), DataFiles.logs(node.version2));
    assertEquals(endOfRecords(ours.subList(0, 10)), Files.size(first), "only the padding is cut");
    assertSameState(upTo(ours, zxid(1, 10)), node.db);
    node.stop();
    assertApacheReads(upTo(ours, zxid(1, 10)));
  }

  @Test
  void truncateAcrossSeveralFilesCutsTheOneHoldingTheZxid() throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(
        List.of(
            ours.subList(0, 10), ours.subList(10, 20), ours.subList(20, 30), ours.subList(30, 40)));
    node.start();
    long to = zxid(1, 15);

    node.log.truncate(1, to, node.db);

    assertEquals(
        List.of("log." + Long.toHexString(zxid(1, 1)), "log." + Long.toHexString(zxid(1, 11))),
        names(DataFiles.logs(node.version2)));
    assertEquals(
        endOfRecords(ours.subList(10, 15)), Files.size(DataFiles.logs(node.version2).get(1)));
    assertSameState(upTo(ours, to), node.db);
    node.append(2, history("next", 2, 1, 2));
    node.awaitPersisted(3);
    node.stop();
    assertApacheReads(concat(upTo(ours, to), history("next", 2, 1, 2)));
  }

  @Test
  void truncateBelowANewerSnapshotDeletesTheSnapshot() throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(ours.subList(0, 30)));
    node.writeSnapshot(upTo(ours, zxid(1, 25)));
    assertEquals(zxid(1, 25), node.start().snapshotZxid());
    long to = zxid(1, 20);

    node.log.truncate(1, to, node.db);

    assertEquals(List.of("snapshot.0"), names(DataFiles.snapshots(node.version2)));
    assertSameState(upTo(ours, to), node.db);
    node.stop();
    assertApacheReads(upTo(ours, to));
    DurableState restarted = node.start();
    assertEquals(to, restarted.lastLoggedZxid());
    assertEquals(0, restarted.snapshotZxid());
  }

  @Test
  void truncateBelowEverySnapshotIsRefusedAndChangesNothing() throws Exception {
    node.writeLogs(List.of(ours.subList(0, 30)));
    node.writeSnapshot(upTo(ours, zxid(1, 10)));
    node.start();
    List<String> before = names(Files.list(node.version2).sorted().toList());

    StorageException refused =
        assertThrows(StorageException.class, () -> node.log.truncate(1, zxid(1, 5), node.db));

    assertTrue(refused.getMessage().contains("no snapshot at or before it"), refused.getMessage());
    assertEquals(before, names(Files.list(node.version2).sorted().toList()));
    node.append(2, history("next", 2, 1, 1));
    node.stop();
    List<String> heard = node.heard();
    assertEquals(1, heard.size(), heard.toString());
    assertTrue(heard.get(0).startsWith("failed cannot truncate"), heard.toString());
  }

  @Test
  void truncateToAZxidNeitherLoggedNorSnapshottedIsRefused() throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(ours.subList(0, 10), history("next", 2, 1, 3)));
    node.start();

    StorageException refused =
        assertThrows(StorageException.class, () -> node.log.truncate(1, zxid(1, 15), node.db));

    assertTrue(refused.getMessage().contains("neither logged nor"), refused.getMessage());
    assertEquals(2, DataFiles.logs(node.version2).size());
  }

  @Test
  void anInstalledSnapshotReplacesTheLogAfterItAndSurvivesARestart() throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(ours.subList(0, 30)));
    node.start();
    List<Transaction> leaders = history("leaders", 1, 1, 25);
    long at = zxid(1, 25);
    ZkDatabase loaded = TestTxns.apply(leaders);

    node.log.installSnapshot(1, at, loaded);

    assertEquals(List.of("persisted 1"), node.heard());
    assertEquals(
        List.of("snapshot." + Long.toHexString(at), "snapshot.0"),
        names(DataFiles.snapshots(node.version2)));
    node.storage.persistAcceptedEpoch(2);
    List<Transaction> next = history("next", 2, 1, 5);
    node.append(2, next);
    node.awaitPersisted(6);
    node.stop();
    assertEquals(
        List.of("log." + Long.toHexString(zxid(1, 1)), "log." + Long.toHexString(zxid(2, 1))),
        names(DataFiles.logs(node.version2)),
        "our history up to the snapshot stays, what follows starts a new file");
    List<Transaction> expected = concat(leaders, next);
    assertApacheReads(expected);
    DurableState restarted = node.start();
    assertEquals(at, restarted.snapshotZxid());
    assertEquals(zxid(2, 5), restarted.lastLoggedZxid());
    assertEquals(next.stream().map(TestTxns::entry).toList(), restarted.recentEntries());
    assertSameState(expected, node.db);
  }

  @Test
  void anInstalledSnapshotReplacesOurOwnAtTheSameZxid() throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(ours.subList(0, 30)));
    long at = zxid(1, 25);
    node.writeSnapshot(upTo(ours, at));
    node.start("snapshot.compression.method=gz");
    List<Transaction> leaders = history("leaders", 1, 1, 25);

    node.log.installSnapshot(1, at, TestTxns.apply(leaders));

    assertEquals(
        List.of("snapshot." + Long.toHexString(at) + ".gz", "snapshot.0"),
        names(DataFiles.snapshots(node.version2)));
    node.stop();
    assertApacheReads(leaders);
  }

  /**
   * A crash (here a failing disk) after the log was cut but before the snapshot is in place leaves
   * a prefix of our own log: a state this server had, never our log on top of the leader's state.
   */
  @Test
  void anInstallCutShortLeavesAPrefixOfTheOldLog() throws Exception {
    AtomicBoolean broken = new AtomicBoolean();
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(ours.subList(0, 30)));
    node.start(FailingChannel.forFiles("snapshot.", broken));
    long at = zxid(1, 25);
    broken.set(true);

    assertThrows(
        StorageException.class,
        () -> node.log.installSnapshot(1, at, TestTxns.apply(history("leaders", 1, 1, 25))));

    assertTrue(node.next().startsWith("failed"));
    node.stop();
    assertEquals(at, node.start().lastLoggedZxid());
    assertSameState(upTo(ours, at), node.db);
  }

  @Test
  void aFailingDiskStopsEveryAcknowledgement() throws Exception {
    AtomicBoolean broken = new AtomicBoolean();
    node.start(FailingChannel.forLogs(broken));
    node.storage.persistAcceptedEpoch(1);
    List<Transaction> txns = history("n", 1, 1, 8);
    node.append(1, txns.subList(0, 5));
    node.awaitPersisted(5);

    broken.set(true);
    node.append(6, txns.subList(5, 6));
    assertTrue(node.next().startsWith("failed injected I/O error"));
    broken.set(false);
    node.append(7, txns.subList(6, 7));
    assertThrows(StorageException.class, () -> node.log.truncate(8, zxid(1, 3), node.db));
    node.stop();
    assertEquals(List.of(), node.heard(), "nothing after the failure");

    assertEquals(zxid(1, 5), node.start().lastLoggedZxid(), "the failed batch was cut back");
    assertSameState(txns.subList(0, 5), node.db);
  }

  @Test
  void operationsOutOfOrderAreRejected() throws Exception {
    node.start();
    List<Transaction> txns = history("n", 1, 1, 3);
    node.log.append(1, TestTxns.entry(txns.get(1)));
    assertThrows(
        IllegalArgumentException.class, () -> node.log.append(3, TestTxns.entry(txns.get(2))));
    assertThrows(
        IllegalArgumentException.class, () -> node.log.append(2, TestTxns.entry(txns.get(0))));
    byte[] otherZxid = TxnCodec.bytes(txns.get(2));
    assertThrows(
        IllegalArgumentException.class,
        () -> node.log.append(2, new Entry(zxid(1, 9), otherZxid)),
        "the payload's TxnHeader must carry the entry's zxid: replay reads it from there");
    assertFalse(node.heard().stream().anyMatch(e -> e.startsWith("failed")));
  }

  /** A fresh server that has taken epoch 1, as the core would before it appends in it. */
  private void startInEpochOne() throws Exception {
    node.start();
    node.storage.persistAcceptedEpoch(1);
    node.storage.persistCurrentEpoch(1);
  }

  /** Where the records of {@code txns} end in a log file that holds exactly them. */
  private static long endOfRecords(List<Transaction> txns) {
    long end = LogRecords.FILE_HEADER_SIZE;
    for (Transaction txn : txns) {
      end += LogRecords.recordSize(TxnCodec.bytes(txn).length);
    }
    return end;
  }

  private void assertSameState(List<Transaction> txns, ZkDatabase db) {
    assertEquals(TestTxns.dump(TestTxns.apply(txns)), TestTxns.dump(db));
  }

  /** Apache's restore of the directory reaches the same zxid and the same nodes. */
  private void assertApacheReads(List<Transaction> txns) throws Exception {
    ApacheView apache = ApacheView.of(node.dataDir);
    assertEquals(txns.get(txns.size() - 1).zxid(), apache.lastZxid);
    assertEquals(TestTxns.contents(TestTxns.apply(txns)), apache.contents);
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }
}

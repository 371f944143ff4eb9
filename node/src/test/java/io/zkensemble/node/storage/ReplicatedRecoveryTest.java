package io.zkensemble.node.storage;

import static io.zkensemble.node.storage.TestTxns.history;
import static io.zkensemble.node.storage.TestTxns.zxid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.zab.DurableState;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a replicated server finds when it starts (Apache's QuorumPeer.loadDataBase): its state, the
 * end of its log and its epochs. No start-up snapshot is written (the log's tail may be
 * uncommitted), except snapshot.0 in a fresh directory; a log may run into acceptedEpoch but not
 * beyond it.
 */
class ReplicatedRecoveryTest {
  private final ReplicatedFixture node = new ReplicatedFixture();
  private final EpochFiles epochs = new EpochFiles(node.version2);

  @AfterEach
  void cleanUp() throws Exception {
    node.close();
  }

  @Test
  void aFreshDirectoryGetsSnapshotZeroAndEpochFilesAndNoMoreStartUpSnapshots() throws Exception {
    assertEquals(DurableState.empty(), node.start());
    assertEquals(List.of("snapshot.0"), names(DataFiles.snapshots(node.version2)));
    assertEquals(0, epochs.read(EpochFiles.ACCEPTED_EPOCH));
    assertEquals(0, epochs.read(EpochFiles.CURRENT_EPOCH));
    node.storage.persistAcceptedEpoch(1);
    node.storage.persistCurrentEpoch(1);
    node.append(1, history("n", 1, 1, 10));
    node.awaitPersisted(10);
    node.stop();

    DurableState restarted = node.start();
    assertEquals(1, restarted.acceptedEpoch());
    assertEquals(1, restarted.currentEpoch());
    assertEquals(zxid(1, 10), restarted.lastLoggedZxid());
    assertEquals(List.of("snapshot.0"), names(DataFiles.snapshots(node.version2)));
  }

  @Test
  void theLogMayRunIntoAcceptedEpoch() throws Exception {
    List<Transaction> epoch1 = history("one", 1, 1, 5);
    List<Transaction> epoch2 = history("two", 2, 1, 3);
    layout(epoch1, epoch2);
    epochs.write(EpochFiles.CURRENT_EPOCH, 1);
    epochs.write(EpochFiles.ACCEPTED_EPOCH, 2);

    DurableState state = node.start();

    assertEquals(2, state.acceptedEpoch());
    assertEquals(1, state.currentEpoch());
    assertEquals(zxid(2, 3), state.lastLoggedZxid());
    assertEquals(8, state.recentEntries().size());
  }

  @Test
  void aLogBeyondAcceptedEpochIsRefused() throws Exception {
    layout(history("one", 1, 1, 5), history("two", 2, 1, 3));
    epochs.write(EpochFiles.CURRENT_EPOCH, 1);
    epochs.write(EpochFiles.ACCEPTED_EPOCH, 1);

    StorageException refused = assertThrows(StorageException.class, node::start);

    assertTrue(refused.getMessage().contains("beyond acceptedEpoch 1"), refused.getMessage());
    assertTrue(refused.getMessage().contains(Long.toHexString(zxid(2, 3))), refused.getMessage());
  }

  @Test
  void anUnfinishedCurrentEpochWriteIsTakenWhenItExplainsTheLog() throws Exception {
    layout(history("one", 1, 1, 5), history("two", 2, 1, 3));
    epochs.write(EpochFiles.CURRENT_EPOCH, 1);
    epochs.write(EpochFiles.ACCEPTED_EPOCH, 2);
    Files.writeString(node.version2.resolve("currentEpoch.tmp"), "2");

    assertEquals(2, node.start().currentEpoch());
    assertEquals(2, epochs.read(EpochFiles.CURRENT_EPOCH));
  }

  @Test
  void anEmptyCurrentEpochTmpIsIgnored() throws Exception {
    layout(history("one", 1, 1, 5), history("two", 2, 1, 3));
    epochs.write(EpochFiles.CURRENT_EPOCH, 1);
    epochs.write(EpochFiles.ACCEPTED_EPOCH, 2);
    Files.writeString(node.version2.resolve("currentEpoch.tmp"), "");

    assertEquals(1, node.start().currentEpoch());
  }

  @Test
  void missingEpochFilesTakeTheEpochOfTheLastZxid() throws Exception {
    layout(history("three", 3, 1, 4));

    DurableState state = node.start();

    assertEquals(3, state.acceptedEpoch());
    assertEquals(3, state.currentEpoch());
    assertEquals(3, epochs.read(EpochFiles.ACCEPTED_EPOCH));
    assertEquals(3, epochs.read(EpochFiles.CURRENT_EPOCH));
  }

  @Test
  void recentEntriesAreTheLastOnesAfterTheSnapshotWithTheirLoggedBytes() throws Exception {
    List<Transaction> txns = history("n", 1, 1, 300);
    node.writeLogs(List.of(txns));
    node.writeSnapshot(txns.subList(0, 250));

    DurableState state = node.start();

    assertEquals(zxid(1, 250), state.snapshotZxid());
    assertEquals(
        txns.subList(250, 300).stream().map(TestTxns::entry).toList(), state.recentEntries());
  }

  @Test
  void aTornTailIsCutOffAndTheNextAppendGoesOn() throws Exception {
    List<Transaction> txns = history("n", 1, 1, 10);
    layout(txns.subList(0, 9), txns.subList(9, 10));
    Path last = DataFiles.logs(node.version2).get(1);
    int firstRecordEnd =
        LogRecords.FILE_HEADER_SIZE + LogRecords.recordSize(TxnCodec.bytes(txns.get(9)).length);
    try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
      channel.truncate(firstRecordEnd - 7);
    }

    DurableState state = node.start();

    assertEquals(zxid(1, 9), state.lastLoggedZxid());
    assertEquals(zxid(1, 9), state.recentEntries().get(state.recentEntries().size() - 1).zxid());
    node.append(1, txns.subList(9, 10));
    node.awaitPersisted(1);
    node.stop();
    assertEquals(zxid(1, 10), node.start().lastLoggedZxid());
  }

  /** snapshot.0, then one log file per list. */
  @SafeVarargs
  private void layout(List<Transaction>... files) throws Exception {
    node.writeSnapshot(List.of());
    node.writeLogs(List.of(files));
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }
}

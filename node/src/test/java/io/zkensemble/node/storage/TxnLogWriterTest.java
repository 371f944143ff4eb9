package io.zkensemble.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.zookeeper.server.persistence.FilePadding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A log file grows to the sizes Apache's FilePadding gives, whatever the batching. */
class TxnLogWriterTest {
  private static final long PREALLOC = 8192;

  private final Path dir = TestFiles.tempDir("txnlog-writer");

  @AfterEach
  void deleteDir() {
    TestFiles.deleteRecursively(dir);
  }

  @Test
  void preallocationFollowsApachesFilePaddingRecordByRecord() throws Exception {
    Random random = new Random(42);
    long zxid = 0;
    long position = LogRecords.FILE_HEADER_SIZE;
    long apacheSize = position;
    try (TxnLogWriter writer =
        new TxnLogWriter(dir, FileOpener.DEFAULT, PREALLOC, false, new Summary())) {
      for (int round = 0; round < 200; round++) {
        List<Transaction> batch = new ArrayList<>();
        for (int i = 1 + random.nextInt(20); i > 0; i--) {
          // Mostly small records, some larger than Apache's 4 KiB margin or a whole block.
          int dataSize = random.nextInt(10) == 0 ? random.nextInt(3 * (int) PREALLOC) : 100;
          zxid++;
          Transaction txn =
              new Transaction(
                  new TxnHeader(1, (int) zxid, zxid, 0, OpCode.SET_DATA),
                  new SetDataTxn("/n", new byte[dataSize], (int) zxid));
          batch.add(txn);
          apacheSize = FilePadding.calculateFileSizeWithPadding(position, apacheSize, PREALLOC);
          position += LogRecords.recordSize(TxnCodec.bytes(txn).length);
        }
        writer.append(batch);
        Path log = DataFiles.logs(dir).get(0);
        assertEquals(Math.max(apacheSize, position), Files.size(log), "after batch " + round);
      }
    }
  }

  /**
   * A crash right after a log file was created leaves it with no transaction, under the name of the
   * zxid that comes next again after recovery: the next append replaces it.
   */
  @Test
  void aLogFileHoldingNoTransactionIsReplaced() throws Exception {
    Path empty = dir.resolve(DataFiles.logName(7));
    Files.write(empty, new byte[LogRecords.FILE_HEADER_SIZE + 100]);
    try (TxnLogWriter writer =
        new TxnLogWriter(dir, FileOpener.DEFAULT, PREALLOC, false, new Summary())) {
      writer.append(List.of(setData(7)));
    }
    assertEquals(7, TxnLogReader.cutAfter(empty, Long.MAX_VALUE).lastZxid());
  }

  @Test
  void aLogFileHoldingTransactionsIsNeverReplaced() throws Exception {
    try (TxnLogWriter writer =
        new TxnLogWriter(dir, FileOpener.DEFAULT, PREALLOC, false, new Summary())) {
      writer.append(List.of(setData(7)));
    }
    try (TxnLogWriter writer =
        new TxnLogWriter(dir, FileOpener.DEFAULT, PREALLOC, false, new Summary())) {
      assertThrows(FileAlreadyExistsException.class, () -> writer.append(List.of(setData(7))));
    }
  }

  private static Transaction setData(long zxid) {
    return new Transaction(
        new TxnHeader(1, (int) zxid, zxid, 0, OpCode.SET_DATA),
        new SetDataTxn("/n", new byte[10], (int) zxid));
  }
}

package io.zkensemble.node.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jute.Record;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.server.persistence.TxnLog;
import org.apache.zookeeper.txn.CreateTxn;

/**
 * A server's transaction log as Apache ZooKeeper's own {@link FileTxnLog} reads it from {@code
 * dataDir/version-2}: what a restart of that server would replay.
 */
final class TxnLogs {
  /** One logged transaction: its zxid, its type (an OpCode) and, for a create, the path. */
  record Txn(long zxid, int type, String createdPath) {}

  private TxnLogs() {}

  /**
   * Every transaction in the logs of {@code dataDir}, oldest first. The server may be writing them
   * meanwhile: a record still being written ends the read (FileTxnLog stops at a torn or
   * preallocated tail), and a read may fail, to be retried.
   */
  static List<Txn> read(Path dataDir) throws IOException {
    List<Txn> txns = new ArrayList<>();
    FileTxnLog log = new FileTxnLog(dataDir.resolve("version-2").toFile());
    try (TxnLog.TxnIterator iterator = log.read(0, false)) {
      while (iterator.getHeader() != null) {
        Record txn = iterator.getTxn();
        txns.add(
            new Txn(
                iterator.getHeader().getZxid(),
                iterator.getHeader().getType(),
                txn instanceof CreateTxn create ? create.getPath() : null));
        if (!iterator.next()) {
          break;
        }
      }
    } finally {
      log.close();
    }
    return txns;
  }
}

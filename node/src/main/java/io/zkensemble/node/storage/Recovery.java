package io.zkensemble.node.storage;

import io.zkensemble.node.txn.TxnApplier;
import io.zkensemble.node.txn.ZkDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Start-up recovery, as Apache's FileTxnSnapLog.restore: the newest snapshot that loads and passes
 * its checksum (a corrupt one falls back to the one before), then every logged transaction after
 * it, through the one apply function. A torn last record is cut off; corruption in the middle of
 * the log, or snapshots none of which loads, stop start-up with a message.
 */
final class Recovery {
  private static final Logger LOG = Logger.getLogger(Recovery.class);

  /**
   * What recovery found.
   *
   * @param snapshotZxid the zxid of the snapshot loaded, -1 when there was none (a fresh directory)
   * @param lastZxid the last zxid the state reflects: the last replayed, or the snapshot's
   */
  record Restored(long snapshotZxid, long lastZxid) {}

  private Recovery() {}

  /** Restores {@code db}; returns the last zxid, 0 for a fresh data directory. */
  static long restore(Path snapDir, Path logDir, ZkDatabase db) throws StorageException {
    return restore(snapDir, logDir, db, logged -> {}).lastZxid();
  }

  /** Restores {@code db}, handing each replayed transaction to {@code replayed} once applied. */
  static Restored restore(
      Path snapDir, Path logDir, ZkDatabase db, Consumer<TxnLogReader.Logged> replayed)
      throws StorageException {
    deleteUnfinishedSnapshots(snapDir);
    return load(snapDir, logDir, db, replayed);
  }

  /**
   * Loads {@code db} again from the data directory, while the node runs: unlike start-up it leaves
   * {@code .tmp} files alone, one may be a snapshot being written.
   */
  static Restored reload(Path snapDir, Path logDir, ZkDatabase db) throws StorageException {
    return load(snapDir, logDir, db, logged -> {});
  }

  private static Restored load(
      Path snapDir, Path logDir, ZkDatabase db, Consumer<TxnLogReader.Logged> replayed)
      throws StorageException {
    List<Path> snapshots = DataFiles.snapshots(snapDir);
    List<Path> logs = DataFiles.logs(logDir);
    long snapshotZxid = -1;
    for (Path snapshot : snapshots) {
      try {
        snapshotZxid = Snapshots.load(snapshot, db);
        LOG.infof("Loaded snapshot %s", snapshot);
        break;
      } catch (IOException | RuntimeException e) {
        LOG.warnf("Snapshot %s is unusable (%s); trying the one before", snapshot, e.getMessage());
      }
    }
    if (snapshotZxid < 0) {
      if (!snapshots.isEmpty()) {
        throw new StorageException(
            "none of the "
                + snapshots.size()
                + " snapshots in "
                + snapDir
                + " is usable: starting empty would lose their data (Apache refuses this too)");
      }
      if (!logs.isEmpty()) {
        throw new StorageException(
            "no usable snapshot in "
                + snapDir
                + " but transaction logs in "
                + logDir
                + ": the logs alone cannot rebuild the tree (Apache refuses this too)");
      }
      // A fresh data directory: the new, empty tree at zxid 0.
      return new Restored(-1, 0);
    }
    long[] count = {0};
    long last =
        TxnLogReader.replay(
            logs,
            snapshotZxid,
            logged -> {
              TxnApplier.apply(db, logged.txn());
              replayed.accept(logged);
              count[0]++;
            });
    LOG.infof(
        "Replayed %d transactions after snapshot 0x%x, up to 0x%x", count[0], snapshotZxid, last);
    return new Restored(snapshotZxid, last);
  }

  /** Each crash during a snapshot would otherwise leak one file's worth of disk. */
  private static void deleteUnfinishedSnapshots(Path snapDir) throws StorageException {
    for (Path unfinished : DataFiles.unfinishedSnapshots(snapDir)) {
      try {
        Files.delete(unfinished);
        LOG.infof("Deleted %s, a snapshot a crash interrupted", unfinished);
      } catch (IOException e) {
        throw new StorageException("cannot delete the unfinished snapshot " + unfinished, e);
      }
    }
  }
}

package io.zkensemble.node.storage;

import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.zab.DurableState;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Zxid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Start-up of a replicated server (Apache's ZKDatabase.loadDataBase and QuorumPeer.loadDataBase):
 *
 * <ol>
 *   <li>restore the state from the newest usable snapshot and the log after it, as a standalone
 *       node does, but write no snapshot of it: the log's tail may not be committed, and a snapshot
 *       is a floor that a later truncation cannot go below. A fresh directory gets snapshot.0, as
 *       Apache's FileTxnSnapLog.restore writes it;
 *   <li>read the epochs: a missing currentEpoch or acceptedEpoch is the epoch of the last zxid, and
 *       is written; when the log runs beyond currentEpoch and a currentEpoch.tmp a crash left
 *       behind holds an epoch that explains it, that epoch is taken (Apache does so too);
 *   <li>check them: currentEpoch at most acceptedEpoch, and the log not beyond acceptedEpoch.
 *       Unlike Apache, a log that runs into acceptedEpoch past currentEpoch is accepted: a learner
 *       logs what its leader sends during sync before it takes the new epoch as current.
 * </ol>
 */
final class ReplicatedRecovery {
  private static final Logger LOG = Logger.getLogger(ReplicatedRecovery.class);

  /** Where a crash may leave the currentEpoch being written (Apache's AtomicFileOutputStream). */
  static final String CURRENT_EPOCH_TMP = EpochFiles.CURRENT_EPOCH + ".tmp";

  private ReplicatedRecovery() {}

  /** Restores {@code db}; the state holds every logged transaction's effect. */
  static DurableState recover(Path logDir, SnapshotSettings snapshots, ZkDatabase db, int history)
      throws StorageException {
    Path snapDir = snapshots.dir();
    ArrayDeque<Entry> recent = new ArrayDeque<>();
    Recovery.Restored restored =
        Recovery.restore(
            snapDir,
            logDir,
            db,
            logged -> {
              if (history > 0) {
                if (recent.size() == history) {
                  recent.removeFirst();
                }
                recent.addLast(new Entry(logged.txn().zxid(), logged.bytes()));
              }
            });
    long snapshotZxid = restored.snapshotZxid();
    if (snapshotZxid < 0) {
      snapshotZxid = firstSnapshot(db, snapshots);
    }
    long last = restored.lastZxid();
    EpochFiles files = new EpochFiles(snapDir);
    try {
      long current = readOrDefault(files, EpochFiles.CURRENT_EPOCH, Zxid.epoch(last));
      long accepted = readOrDefault(files, EpochFiles.ACCEPTED_EPOCH, Zxid.epoch(last));
      if (Zxid.epoch(last) > current) {
        current = unfinishedCurrentEpoch(files, current, accepted, last);
      }
      check(accepted, current, last, snapDir);
      return new DurableState(accepted, current, last, snapshotZxid, List.copyOf(recent));
    } catch (IOException e) {
      throw new StorageException("cannot read the epoch files in " + snapDir, e);
    }
  }

  /** The empty tree of a fresh directory, written as snapshot.0 (Apache's restore does so). */
  private static long firstSnapshot(ZkDatabase db, SnapshotSettings snapshots)
      throws StorageException {
    try {
      Path written = SnapshotFile.writeWhole(db, snapshots);
      LOG.infof("A fresh data directory: wrote %s", written.getFileName());
      return DataFiles.snapshotZxid(written);
    } catch (IOException e) {
      throw new StorageException("cannot write the first snapshot in " + snapshots.dir(), e);
    }
  }

  /** The epoch in {@code name}; when there is none, {@code fallback}, written there. */
  private static long readOrDefault(EpochFiles files, String name, long fallback)
      throws IOException {
    long epoch = files.read(name);
    if (epoch >= 0) {
      return epoch;
    }
    LOG.infof(
        "%s not found; creating it with the epoch of the last zxid, %d (as Apache does when a"
            + " data directory comes from an older version)",
        name, fallback);
    files.write(name, fallback);
    return fallback;
  }

  /**
   * A crash between forcing currentEpoch.tmp and renaming it over currentEpoch: Apache takes the
   * epoch in the .tmp file when the log runs beyond currentEpoch. Taken here only when it explains
   * the log and does not pass acceptedEpoch; anything else in it (a write that never got forced) is
   * ignored, since the log may run into acceptedEpoch anyway.
   */
  private static long unfinishedCurrentEpoch(
      EpochFiles files, long current, long accepted, long last) throws IOException {
    long written;
    try {
      written = files.read(CURRENT_EPOCH_TMP);
    } catch (IOException e) {
      LOG.warnf("Ignoring %s: %s", CURRENT_EPOCH_TMP, e.getMessage());
      return current;
    }
    if (written < Zxid.epoch(last) || written > accepted) {
      if (written >= 0) {
        LOG.warnf("Ignoring %s: it holds %d", CURRENT_EPOCH_TMP, written);
      }
      return current;
    }
    LOG.infof("%s found; setting currentEpoch to %d", CURRENT_EPOCH_TMP, written);
    files.write(EpochFiles.CURRENT_EPOCH, written);
    return written;
  }

  private static void check(long accepted, long current, long last, Path snapDir)
      throws StorageException {
    if (accepted < current) {
      throw new StorageException(
          "acceptedEpoch "
              + accepted
              + " is less than currentEpoch "
              + current
              + " in "
              + snapDir
              + ": the epoch files are damaged");
    }
    if (Zxid.epoch(last) > accepted) {
      throw new StorageException(
          "the log ends at "
              + Zxid.hex(last)
              + ", in epoch "
              + Zxid.epoch(last)
              + ", beyond acceptedEpoch "
              + accepted
              + " in "
              + snapDir
              + ": this server never accepted that epoch, so the log or the epoch files are"
              + " damaged (or come from another server); refusing to start");
    }
  }
}

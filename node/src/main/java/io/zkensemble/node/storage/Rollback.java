package io.zkensemble.node.storage;

import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.zab.Zxid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Takes the data directory back to a zxid, when a replicated server's leader tells it to drop what
 * it logged after that zxid (TRUNC) or to take the leader's snapshot (SNAP). A crash at any step
 * leaves a directory that recovery reads as the old state, a prefix of the old log, or the new
 * state; never a mix of the old log with the new snapshot.
 *
 * <p>Truncate to Z (Apache's FileTxnLog.truncate, plus the snapshots it leaves behind):
 *
 * <ol>
 *   <li>check first that Z can be reached: a snapshot at or before Z stays, and Z is its zxid or
 *       that of a logged transaction;
 *   <li>delete the snapshots after Z, newest first (else recovery would load state beyond Z); the
 *       log is whole, so recovery still finds the old state;
 *   <li>delete the log files that start after Z, newest first: each leaves a prefix of the log;
 *   <li>cut the file that holds Z right after Z's record.
 * </ol>
 *
 * <p>Install a snapshot at Z: drop the log after Z (steps 3 and 4: a prefix of the old log), write
 * the snapshot, then delete the snapshots after Z, and one of our own at Z under another name (a
 * different compression): our state at Z may hold transactions the leader's does not.
 */
final class Rollback {
  private static final Logger LOG = Logger.getLogger(Rollback.class);

  private final Path snapDir;
  private final Path logDir;
  private final SnapshotSettings snapshots;

  Rollback(Path logDir, SnapshotSettings snapshots) {
    this.snapDir = snapshots.dir();
    this.logDir = logDir;
    this.snapshots = snapshots;
  }

  /** Drops every logged transaction and snapshot after {@code zxid}, durably. */
  void truncate(long zxid) throws IOException, StorageException {
    List<Path> kept =
        DataFiles.snapshots(snapDir).stream()
            .filter(s -> DataFiles.snapshotZxid(s) <= zxid)
            .toList();
    if (kept.isEmpty()) {
      throw new StorageException(
          "cannot truncate to "
              + Zxid.hex(zxid)
              + ": no snapshot at or before it in "
              + snapDir
              + ", so the state before it cannot be rebuilt");
    }
    long snapshotZxid = DataFiles.snapshotZxid(kept.get(0));
    LogCut cut = LogCut.plan(logDir, zxid);
    if (snapshotZxid != zxid && cut.lastKept() != zxid) {
      throw new StorageException(
          "cannot truncate to "
              + Zxid.hex(zxid)
              + ": it is neither logged nor a snapshot's zxid (the newest snapshot before it is "
              + Zxid.hex(snapshotZxid)
              + (cut.lastKept() < 0
                  ? ", no logged transaction precedes it)"
                  : ", the last logged transaction before it " + Zxid.hex(cut.lastKept()) + ")"));
    }
    LOG.infof("Truncating the log and snapshots to %s", Zxid.hex(zxid));
    deleteSnapshots(s -> DataFiles.snapshotZxid(s) > zxid, zxid);
    cut.apply(snapshots);
  }

  /**
   * Replaces everything after {@code zxid} with {@code loaded}, a leader's snapshot at {@code
   * zxid}, written as snapshot.{@code zxid}.
   */
  void install(long zxid, ZkDatabase loaded) throws IOException, StorageException {
    LOG.infof("Installing the leader's snapshot at %s", Zxid.hex(zxid));
    LogCut.plan(logDir, zxid).apply(snapshots);
    Path written = SnapshotFile.writeWhole(loaded, snapshots);
    deleteSnapshots(s -> DataFiles.snapshotZxid(s) >= zxid && !s.equals(written), zxid);
  }

  /** Loads {@code db} again from the data directory. */
  Recovery.Restored reload(ZkDatabase db) throws StorageException {
    return Recovery.reload(snapDir, logDir, db);
  }

  /** Deletes the snapshots that {@code beyond} picks, newest first, and forces that. */
  private void deleteSnapshots(Predicate<Path> beyond, long zxid) throws IOException {
    boolean deleted = false;
    for (Path snapshot : DataFiles.snapshots(snapDir)) {
      if (beyond.test(snapshot)) {
        Files.delete(snapshot);
        LOG.infof("Deleted %s, a state beyond %s", snapshot.getFileName(), Zxid.hex(zxid));
        deleted = true;
      }
    }
    if (deleted && snapshots.fsync()) {
      SnapshotFile.forceDirectory(snapDir);
    }
  }

  /** Dropping the logged transactions after a zxid: which files go, and where one is cut. */
  private record LogCut(Path logDir, List<Path> later, Path holder, long offset, long lastKept) {

    static LogCut plan(Path logDir, long zxid) throws StorageException {
      List<Path> logs = DataFiles.logs(logDir);
      List<Path> later = logs.stream().filter(l -> DataFiles.logZxid(l) > zxid).toList();
      List<Path> earlier = logs.subList(0, logs.size() - later.size());
      if (earlier.isEmpty()) {
        return new LogCut(logDir, later, null, 0, -1);
      }
      // Files are named after their first zxid, so only the last one starting at or before zxid
      // can hold transactions after it.
      Path holder = earlier.get(earlier.size() - 1);
      TxnLogReader.Cut cut = TxnLogReader.cutAfter(holder, zxid);
      return new LogCut(logDir, later, holder, cut.offset(), cut.lastZxid());
    }

    /** Deletes and cuts, through the channels and with the forcing {@code settings} give. */
    void apply(SnapshotSettings settings) throws IOException {
      for (int i = later.size() - 1; i >= 0; i--) {
        Files.delete(later.get(i));
        LOG.infof("Deleted %s", later.get(i).getFileName());
      }
      if (!later.isEmpty() && settings.fsync()) {
        SnapshotFile.forceDirectory(logDir);
      }
      if (holder == null) {
        return;
      }
      try (FileChannel channel = settings.opener().open(holder, StandardOpenOption.WRITE)) {
        if (channel.size() > offset) {
          channel.truncate(offset);
          if (settings.fsync()) {
            channel.force(true);
          }
          LOG.infof("Cut %s at %d", holder.getFileName(), offset);
        }
      }
    }
  }
}

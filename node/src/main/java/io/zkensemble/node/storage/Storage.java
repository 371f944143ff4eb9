package io.zkensemble.node.storage;

import io.vertx.core.Context;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.StorageOptions;
import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.zab.DurableState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The data directory in Apache ZooKeeper's layout: recovery at start, the group-committed
 * transaction log, fuzzy snapshots and autopurge; for a standalone node ({@link #recover}, {@link
 * #startLog}) or a replicated one ({@link #recoverReplicated}, {@link #startReplicatedLog} and the
 * epoch files).
 */
public final class Storage implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Storage.class);

  private final Path snapDir;
  private final Path logDir;
  private final StorageOptions options;
  private final FileOpener opener;
  private final SnapshotSettings snapshots;
  private final ExecutorService background;

  /** Held while files are deleted: by autopurge, and by a replicated log's truncations. */
  private final Lock dataDirChanges = new ReentrantLock();

  /** The log's fsync times, for fsynctime (held while recorded or read). */
  private final Summary fsyncTimes = new Summary();

  private DurableLog log;
  private ReplicatedLog replicatedLog;
  private boolean snapshotting;

  private Storage(Path snapDir, Path logDir, StorageOptions options, FileOpener opener) {
    this.snapDir = snapDir;
    this.logDir = logDir;
    this.options = options;
    this.opener = opener;
    this.snapshots =
        new SnapshotSettings(snapDir, options.compression(), options.forceSync(), opener);
    this.background =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "zkensemble-snapshot");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Opens (creating if need be) the version-2 directories under dataDir and dataLogDir. */
  public static Storage open(NodeConfig config, FileOpener opener) throws IOException {
    Path snapDir = config.dataDir().resolve(DataFiles.VERSION_DIR);
    Path logDir = config.dataLogDir().resolve(DataFiles.VERSION_DIR);
    Files.createDirectories(snapDir);
    Files.createDirectories(logDir);
    return new Storage(snapDir, logDir, config.storage(), opener);
  }

  /** The log's fsync times; lock the summary to read it. */
  public Summary fsyncTimes() {
    return fsyncTimes;
  }

  public Path snapDir() {
    return snapDir;
  }

  /**
   * Restores {@code db} from the newest usable snapshot and the log after it, then, as Apache's
   * loadData does, deletes the ephemerals of sessions that no longer exist and writes a fresh
   * snapshot. Returns the last zxid.
   */
  public long recover(ZkDatabase db) throws StorageException {
    long zxid = Recovery.restore(snapDir, logDir, db);
    for (long owner : db.tree().ephemeralOwners()) {
      if (!db.sessionTimeouts().containsKey(owner)) {
        db.tree().killSession(owner, db.tree().ephemerals(owner), zxid);
      }
    }
    try {
      Path snapshot = SnapshotFile.writeWhole(db, snapshots);
      LOG.infof("Snapshot %s written at start", snapshot.getFileName());
    } catch (IOException e) {
      throw new StorageException("cannot write the start-up snapshot in " + snapDir, e);
    }
    return zxid;
  }

  /** Starts the group-commit thread; its callbacks run on {@code pipeline}. */
  public DurableLog startLog(Context pipeline, DurableLog.Listener listener) {
    log = new DurableLog(newWriter(), options.snapCount(), pipeline, listener);
    return log;
  }

  /**
   * Restores {@code db} for a replicated server: as {@link #recover}, but without the start-up
   * snapshot (the log's tail may be uncommitted) and with the epoch files. Returns what the
   * consensus core needs to start, with at most {@code historyLimit} recent entries.
   */
  public DurableState recoverReplicated(ZkDatabase db, int historyLimit) throws StorageException {
    return ReplicatedRecovery.recover(logDir, snapshots, db, historyLimit);
  }

  /**
   * Starts the storage thread of a replicated server, whose log ends at {@code lastLoggedZxid}; its
   * callbacks run on {@code pipeline}.
   */
  public ReplicatedLog startReplicatedLog(
      Context pipeline, long lastLoggedZxid, ReplicatedLog.Listener listener) {
    replicatedLog =
        new ReplicatedLog(
            newWriter(),
            new Rollback(logDir, snapshots),
            dataDirChanges,
            options.snapCount(),
            lastLoggedZxid,
            pipeline,
            listener);
    return replicatedLog;
  }

  /** Writes acceptedEpoch and forces it (Apache's QuorumPeer.setAcceptedEpoch). */
  public void persistAcceptedEpoch(long epoch) throws IOException {
    epochFiles().write(EpochFiles.ACCEPTED_EPOCH, epoch);
  }

  /** Writes currentEpoch and forces it (Apache's QuorumPeer.setCurrentEpoch). */
  public void persistCurrentEpoch(long epoch) throws IOException {
    epochFiles().write(EpochFiles.CURRENT_EPOCH, epoch);
  }

  private TxnLogWriter newWriter() {
    return new TxnLogWriter(
        logDir, opener, options.preAllocBytes(), options.forceSync(), fsyncTimes);
  }

  /**
   * Takes a fuzzy snapshot unless one is being written (Apache skips it then too: "Too busy to
   * snap"); call on the pipeline's thread.
   */
  public void snapshot(ZkDatabase db, Context pipeline) {
    if (snapshotting) {
      LOG.warn("Too busy to snapshot, skipping");
      return;
    }
    snapshotting = true;
    FuzzySnapshot.start(
        db,
        task -> pipeline.runOnContext(v -> task.run()),
        background,
        snapshots,
        written -> snapshotting = false);
  }

  /** Deletes snapshots and logs beyond autopurge.snapRetainCount, off the pipeline's thread. */
  public void purge() {
    background.execute(
        () -> {
          dataDirChanges.lock();
          try {
            Purger.purge(snapDir, logDir, options.snapRetainCount());
          } finally {
            dataDirChanges.unlock();
          }
        });
  }

  public EpochFiles epochFiles() {
    return new EpochFiles(snapDir);
  }

  @Override
  public void close() throws InterruptedException {
    if (log != null) {
      log.close();
    }
    if (replicatedLog != null) {
      replicatedLog.close();
    }
    background.shutdown();
    background.awaitTermination(30, TimeUnit.SECONDS);
  }
}

package io.zkensemble.node.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Autopurge (Apache's PurgeTxnLog): keeps the newest {@code retain} snapshots and the logs that
 * replay needs after the oldest of them (every log from the last one that starts at or before that
 * snapshot's zxid); deletes older snapshots and logs.
 */
final class Purger {
  private static final Logger LOG = Logger.getLogger(Purger.class);

  private Purger() {}

  static void purge(Path snapDir, Path logDir, int retain) {
    List<Path> snapshots = DataFiles.snapshots(snapDir);
    if (snapshots.size() <= retain) {
      return;
    }
    long oldestKept = DataFiles.snapshotZxid(snapshots.get(retain - 1));
    List<Path> logs = DataFiles.logs(logDir);
    // As Apache: keep the last log that starts at or before oldestKept, and every later one.
    int firstKeptLog = 0;
    for (int i = 0; i < logs.size(); i++) {
      if (DataFiles.logZxid(logs.get(i)) <= oldestKept) {
        firstKeptLog = i;
      }
    }
    for (Path snapshot : snapshots.subList(retain, snapshots.size())) {
      delete(snapshot);
    }
    for (Path log : logs.subList(0, firstKeptLog)) {
      delete(log);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
      LOG.infof("Purged %s", file);
    } catch (IOException e) {
      LOG.warnf(e, "Could not purge %s", file);
    }
  }
}

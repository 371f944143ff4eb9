package io.zkensemble.node.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where Apache ZooKeeper keeps its files: {@code version-2/} under dataLogDir for transaction logs
 * named {@code log.<first zxid in hex>}, and under dataDir for snapshots named {@code
 * snapshot.<zxid in hex>} (plus .gz or .snappy when compressed) and the epoch files.
 */
public final class DataFiles {
  public static final String VERSION_DIR = "version-2";

  private static final Pattern LOG = Pattern.compile("log\\.([0-9a-f]+)");
  private static final Pattern SNAPSHOT =
      Pattern.compile("snapshot\\.([0-9a-f]+)(\\.gz|\\.snappy)?");
  private static final Pattern UNFINISHED_SNAPSHOT =
      Pattern.compile("snapshot\\.([0-9a-f]+)(\\.gz|\\.snappy)?\\.tmp");

  private DataFiles() {}

  public static String logName(long zxid) {
    return "log." + Long.toHexString(zxid);
  }

  public static String snapshotName(long zxid, Compression compression) {
    return "snapshot." + Long.toHexString(zxid) + compression.extension();
  }

  /** The zxid in a log file's name, or -1 when it is not a log file. */
  public static long logZxid(Path file) {
    return zxid(LOG, file);
  }

  /** The zxid in a snapshot file's name, or -1 when it is not a snapshot. */
  public static long snapshotZxid(Path file) {
    return zxid(SNAPSHOT, file);
  }

  private static long zxid(Pattern pattern, Path file) {
    Matcher matcher = pattern.matcher(file.getFileName().toString());
    return matcher.matches() ? Long.parseUnsignedLong(matcher.group(1), 16) : -1;
  }

  /** The log files in {@code dir}, oldest first. */
  public static List<Path> logs(Path dir) {
    return list(dir, DataFiles::logZxid, Comparator.comparingLong(DataFiles::logZxid));
  }

  /** The snapshot files in {@code dir}, newest first. */
  public static List<Path> snapshots(Path dir) {
    return list(
        dir, DataFiles::snapshotZxid, Comparator.comparingLong(DataFiles::snapshotZxid).reversed());
  }

  /** The snapshots a crash interrupted: {@code .tmp} files never renamed into place. */
  public static List<Path> unfinishedSnapshots(Path dir) {
    return list(dir, f -> zxid(UNFINISHED_SNAPSHOT, f), Comparator.naturalOrder());
  }

  private static List<Path> list(Path dir, ToLongFunction<Path> zxid, Comparator<Path> order) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> zxid.applyAsLong(f) >= 0).sorted(order).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}

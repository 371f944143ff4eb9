package io.zkensemble.node.config;

import io.zkensemble.node.storage.Compression;

/**
 * How the node stores its data, with Apache ZooKeeper's keys and defaults.
 *
 * @param forceSync fsync each batch before acknowledging it (forceSync=yes); "no" is for tests
 * @param snapCount a snapshot after about this many transactions (randomised between half and all
 *     of it, as Apache does, so that servers do not snapshot together)
 * @param preAllocBytes log files grow by this much at a time (preAllocSize, given in KiB)
 * @param compression snapshot compression (snapshot.compression.method: gz, snappy or none)
 * @param snapRetainCount autopurge keeps this many snapshots (at least 3)
 * @param purgeIntervalHours autopurge runs this often; 0 turns it off
 */
public record StorageOptions(
    boolean forceSync,
    int snapCount,
    long preAllocBytes,
    Compression compression,
    int snapRetainCount,
    int purgeIntervalHours) {

  /** Apache's defaults. */
  public static final int DEFAULT_SNAP_COUNT = 100_000;

  public static final long DEFAULT_PRE_ALLOC_KB = 64 * 1024;

  public static final int MIN_SNAP_RETAIN_COUNT = 3;

  public static StorageOptions defaults() {
    return new StorageOptions(
        true,
        DEFAULT_SNAP_COUNT,
        DEFAULT_PRE_ALLOC_KB * 1024,
        Compression.NONE,
        MIN_SNAP_RETAIN_COUNT,
        0);
  }
}

package io.zkensemble.node.storage;

import java.nio.file.Path;

/** Where and how snapshots are written. */
record SnapshotSettings(Path dir, Compression compression, boolean fsync, FileOpener opener) {}

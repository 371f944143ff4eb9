package io.zkensemble.node.storage;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.SnapshotCursor;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.JuteOutput;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.Adler32;
import java.util.zip.CheckedOutputStream;

/**
 * One snapshot being written: bytes go through the Adler32 (before compression, as Apache's
 * SnapStream computes it) into {@code snapshot.<zxid>.tmp}, which is forced and renamed into place
 * only when complete, so that a crash never leaves a half snapshot under a snapshot's name.
 */
final class SnapshotFile implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream compressed;
  private final CheckedOutputStream out;
  private final boolean fsync;
  private boolean complete;

  SnapshotFile(Path dir, long zxid, Compression compression, boolean fsync, FileOpener opener)
      throws IOException {
    this.target = dir.resolve(DataFiles.snapshotName(zxid, compression));
    this.temp = dir.resolve(target.getFileName() + ".tmp");
    this.fsync = fsync;
    this.channel =
        opener.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    // Closing the compressor ends its stream; the channel stays open to be forced.
    OutputStream file =
        new FilterOutputStream(Channels.newOutputStream(channel)) {
          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
    this.compressed = compression.wrap(new BufferedOutputStream(file, 1 << 16));
    this.out = new CheckedOutputStream(compressed, new Adler32());
  }

  void write(Buffer bytes) throws IOException {
    out.write(bytes.getBytes());
  }

  /** Seals the stream as Apache 3.9 does by default, forces it, and moves it into place. */
  Path finish(long lastProcessedZxid) throws IOException {
    out.write(Snapshots.seal(out.getChecksum().getValue()).getBytes());
    out.write(Snapshots.emptyDigest().getBytes());
    out.write(Snapshots.seal(out.getChecksum().getValue()).getBytes());
    out.write(Snapshots.lastZxid(lastProcessedZxid).getBytes());
    out.write(Snapshots.seal(out.getChecksum().getValue()).getBytes());
    out.flush();
    compressed.close();
    if (fsync) {
      channel.force(true);
    }
    channel.close();
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (fsync) {
      forceDirectory(target.getParent());
    }
    complete = true;
    return target;
  }

  /**
   * Writes a whole snapshot of {@code db} on the calling thread: for start-up, before the node
   * serves, when nothing else touches the tree.
   */
  static Path writeWhole(ZkDatabase db, SnapshotSettings settings) throws IOException {
    long zxid = db.tree().lastProcessedZxid();
    try (SnapshotFile file =
        new SnapshotFile(
            settings.dir(), zxid, settings.compression(), settings.fsync(), settings.opener())) {
      Buffer chunk = Buffer.buffer(1 << 16);
      Snapshots.writeHead(new JuteOutput(chunk), db.sessionTimeouts(), db.tree().aclsByRef());
      SnapshotCursor cursor = db.tree().snapshotCursor();
      while (true) {
        file.write(chunk);
        if (cursor.done()) {
          break;
        }
        chunk = Buffer.buffer(1 << 16);
        cursor.writeNext(new JuteOutput(chunk), 1000);
      }
      return file.finish(zxid);
    }
  }

  /** Makes a rename durable: the directory entry is on disk once the directory is forced. */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  /** An unfinished snapshot is deleted. */
  @Override
  public void close() throws IOException {
    if (!complete) {
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}

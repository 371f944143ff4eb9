package io.zkensemble.node.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/** A file channel whose writes and forces fail with an I/O error while {@code broken} is set. */
final class FailingChannel extends FileChannel {
  private final FileChannel delegate;
  private final AtomicBoolean broken;

  FailingChannel(FileChannel delegate, AtomicBoolean broken) {
    this.delegate = delegate;
    this.broken = broken;
  }

  /** Opens transaction log files through failing channels, every other file as usual. */
  static FileOpener forLogs(AtomicBoolean broken) {
    return forFiles("log.", broken);
  }

  /** Opens the files whose names start with {@code prefix} through failing channels. */
  static FileOpener forFiles(String prefix, AtomicBoolean broken) {
    return (file, options) -> {
      FileChannel channel = FileChannel.open(file, options);
      return file.getFileName().toString().startsWith(prefix)
          ? new FailingChannel(channel, broken)
          : channel;
    };
  }

  private void check() throws IOException {
    if (broken.get()) {
      throw new IOException("injected I/O error");
    }
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    check();
    return delegate.write(src, position);
  }

  @Override
  public void force(boolean metaData) throws IOException {
    check();
    delegate.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    check();
    return delegate.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    check();
    return delegate.write(srcs, offset, length);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    check();
    return delegate.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}

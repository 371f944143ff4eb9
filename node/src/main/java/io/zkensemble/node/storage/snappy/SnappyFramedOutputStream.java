package io.zkensemble.node.storage.snappy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes snappy-java's SnappyOutputStream format, which Apache ZooKeeper uses for snapshots with
 * {@code zookeeper.snapshot.compression.method=snappy}: the header, then one chunk per 32 KiB of
 * input (snappy-java's default block size), or per the smaller remainder at {@link #flush}.
 *
 * <p>Like snappy-java, the header goes out with the first chunk or flush, so an empty stream that
 * is closed consists of the header alone.
 */
public final class SnappyFramedOutputStream extends OutputStream {
  static final int CHUNK_INPUT_SIZE = 32 * 1024;

  private final OutputStream out;
  private final SnappyBlockCompressor compressor = new SnappyBlockCompressor();
  private final byte[] input = new byte[CHUNK_INPUT_SIZE];
  private final byte[] chunk =
      new byte[Integer.BYTES + SnappyBlockCompressor.maxCompressedLength(CHUNK_INPUT_SIZE)];
  private int buffered;
  private boolean headerWritten;
  private boolean closed;

  public SnappyFramedOutputStream(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    input[buffered++] = (byte) b;
    if (buffered == CHUNK_INPUT_SIZE) {
      writeChunk();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    int done = 0;
    while (done < len) {
      int n = Math.min(len - done, CHUNK_INPUT_SIZE - buffered);
      System.arraycopy(b, off + done, input, buffered, n);
      buffered += n;
      done += n;
      if (buffered == CHUNK_INPUT_SIZE) {
        writeChunk();
      }
    }
  }

  /** Compresses whatever input is buffered into a chunk and flushes the wrapped stream. */
  @Override
  public void flush() throws IOException {
    ensureOpen();
    writeChunk();
    out.flush();
  }

  /** Flushes, then closes the wrapped stream (even if flushing failed). */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try (out) {
      flush();
    } finally {
      closed = true;
    }
  }

  private void writeChunk() throws IOException {
    if (!headerWritten) {
      out.write(SnappyFraming.HEADER);
      headerWritten = true;
    }
    if (buffered == 0) {
      return;
    }
    int length = compressor.compress(input, 0, buffered, chunk, Integer.BYTES);
    SnappyFraming.writeInt(chunk, 0, length);
    out.write(chunk, 0, Integer.BYTES + length);
    buffered = 0;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("snappy stream is closed");
    }
  }
}

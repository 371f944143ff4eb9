package io.zkensemble.node.storage.snappy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads snappy-java's SnappyOutputStream format (see {@link SnappyFramedOutputStream}), including
 * concatenated streams, where a header appears in place of a chunk length.
 *
 * <p>Unlike snappy-java, which falls back to decoding input without the header as one raw block and
 * quietly ends at a partial chunk length or a bad concatenated header, this stream only accepts the
 * framed format and treats every truncation other than a clean end between chunks as an {@link
 * IOException}. Chunks are bounded by {@link #MAX_CHUNK_LENGTH}, compressed and uncompressed, so
 * corrupt lengths cannot make it allocate without limit.
 */
public final class SnappyFramedInputStream extends InputStream {
  /** Far above the 32 KiB chunks Apache ZooKeeper writes through snappy-java's defaults. */
  static final int MAX_CHUNK_LENGTH = 64 << 20;

  private final InputStream in;
  private final byte[] header = new byte[SnappyFraming.HEADER_SIZE];
  private byte[] compressed = new byte[0];
  private byte[] decoded = new byte[0];
  private int position;
  private int limit;
  private boolean started;
  private boolean ended;
  private boolean closed;

  /** Reads nothing yet: the header is checked by the first read. */
  public SnappyFramedInputStream(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  @Override
  public int read() throws IOException {
    return fill() ? decoded[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, limit - position);
    System.arraycopy(decoded, position, b, off, n);
    position += n;
    return n;
  }

  /** The decoded bytes left in the current chunk: reading them never blocks. */
  @Override
  public int available() throws IOException {
    ensureOpen();
    return limit - position;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    in.close();
  }

  /** Makes at least one decoded byte available; false at the end of the stream. */
  private boolean fill() throws IOException {
    ensureOpen();
    if (!started) {
      readFully(header, 0, SnappyFraming.HEADER_SIZE, "header");
      checkHeader();
      started = true;
    }
    while (position == limit && !ended) {
      ended = !readChunk();
    }
    return position < limit;
  }

  /** Reads the next chunk, or a concatenated stream's header; false at a clean end. */
  private boolean readChunk() throws IOException {
    int read = in.readNBytes(header, 0, Integer.BYTES);
    if (read == 0) {
      return false;
    }
    if (read < Integer.BYTES) {
      throw new IOException("snappy stream truncated inside a chunk length");
    }
    int length = SnappyFraming.readInt(header, 0);
    if (length == SnappyFraming.MAGIC_HEAD) {
      readFully(header, Integer.BYTES, SnappyFraming.HEADER_SIZE - Integer.BYTES, "header");
      checkHeader();
      return true;
    }
    checkBound(length, "compressed");
    if (compressed.length < length) {
      compressed = new byte[length];
    }
    readFully(compressed, 0, length, "chunk");
    int size = SnappyBlockDecompressor.uncompressedLength(compressed, 0, length);
    checkBound(size, "uncompressed");
    if (decoded.length < size) {
      decoded = new byte[size];
    }
    SnappyBlockDecompressor.decompress(compressed, 0, length, decoded, 0);
    position = 0;
    limit = size;
    return true;
  }

  private void checkHeader() throws IOException {
    if (!Arrays.equals(
        header, 0, SnappyFraming.MAGIC_SIZE, SnappyFraming.HEADER, 0, SnappyFraming.MAGIC_SIZE)) {
      throw new IOException("not a snappy-java stream: bad magic");
    }
    int version = SnappyFraming.readInt(header, SnappyFraming.MAGIC_SIZE);
    int compatible = SnappyFraming.readInt(header, SnappyFraming.MAGIC_SIZE + Integer.BYTES);
    if (version < SnappyFraming.VERSION || compatible > SnappyFraming.VERSION) {
      throw new IOException(
          "unsupported snappy stream version "
              + version
              + " (minimum compatible "
              + compatible
              + ")");
    }
  }

  private static void checkBound(int length, String kind) throws IOException {
    if (length < 0 || length > MAX_CHUNK_LENGTH) {
      throw new IOException(
          "snappy chunk " + kind + " length " + length + " outside 0.." + MAX_CHUNK_LENGTH);
    }
  }

  private void readFully(byte[] b, int off, int len, String what) throws IOException {
    int read = in.readNBytes(b, off, len);
    if (read < len) {
      throw new IOException(
          "snappy stream truncated inside a " + what + " (" + read + " of " + len + " bytes)");
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("snappy stream is closed");
    }
  }
}

package io.zkensemble.node.storage.snappy;

import java.io.IOException;
import java.util.Objects;

/**
 * Decodes one raw snappy block: any valid block, whatever element forms its writer chose, and
 * rejects malformed input with an {@link IOException}. Every element consumes at least one input
 * byte, so decoding ends after at most as many steps as the block has bytes.
 */
final class SnappyBlockDecompressor {
  private static final int MAX_VARINT_BYTES = 5;

  private final byte[] src;
  private final int srcEnd;
  private int ip;
  private byte[] dst;
  private int dstStart;
  private int dstEnd;
  private int op;

  private SnappyBlockDecompressor(byte[] src, int off, int length) {
    Objects.checkFromIndexSize(off, length, src.length);
    this.src = src;
    this.ip = off;
    this.srcEnd = off + length;
  }

  /** The uncompressed length a block declares in its leading varint. */
  static int uncompressedLength(byte[] src, int off, int length) throws IOException {
    return new SnappyBlockDecompressor(src, off, length).readLength();
  }

  /**
   * Decodes the block {@code src[off, off + length)} into {@code dst} at {@code dstOff}, which must
   * have room for its {@link #uncompressedLength}; returns that length.
   */
  static int decompress(byte[] src, int off, int length, byte[] dst, int dstOff)
      throws IOException {
    SnappyBlockDecompressor decoder = new SnappyBlockDecompressor(src, off, length);
    int size = decoder.readLength();
    Objects.checkFromIndexSize(dstOff, size, dst.length);
    decoder.decodeElements(dst, dstOff, dstOff + size);
    return size;
  }

  private int readLength() throws IOException {
    long value = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      int b = nextByte();
      value |= (long) (b & 0x7F) << (7 * i);
      if (b < 0x80) {
        if (value > Integer.MAX_VALUE) {
          throw new IOException("snappy: uncompressed length " + value + " is too large");
        }
        return (int) value;
      }
    }
    throw new IOException("snappy: uncompressed length varint is longer than 5 bytes");
  }

  private void decodeElements(byte[] into, int from, int to) throws IOException {
    dst = into;
    dstStart = from;
    dstEnd = to;
    op = from;
    while (ip < srcEnd) {
      int tag = nextByte();
      switch (tag & 3) {
        case 0 -> literal(tag >>> 2);
        case 1 -> copy(4 + (tag >>> 2 & 7), (tag >>> 5) << 8 | nextByte());
        case 2 -> copy((tag >>> 2) + 1, readLittleEndian(2));
        default -> copy((tag >>> 2) + 1, readLittleEndian(4));
      }
    }
    if (op != dstEnd) {
      throw new IOException(
          "snappy: block decodes to "
              + (op - dstStart)
              + " bytes but declares "
              + (dstEnd - dstStart));
    }
  }

  private void literal(int code) throws IOException {
    // Codes 60..63 mean the length minus one follows in 1..4 little-endian bytes.
    long length = (code < 60 ? code : readLittleEndian(code - 59)) + 1;
    if (length > srcEnd - ip) {
      throw new IOException("snappy: block truncated inside a literal of " + length + " bytes");
    }
    ensureRoom(length);
    System.arraycopy(src, ip, dst, op, (int) length);
    ip += (int) length;
    op += (int) length;
  }

  private void copy(int length, long offset) throws IOException {
    if (offset == 0 || offset > op - dstStart) {
      throw new IOException(
          "snappy: copy offset " + offset + " outside the " + (op - dstStart) + " bytes decoded");
    }
    ensureRoom(length);
    int from = op - (int) offset;
    if (offset >= length) {
      System.arraycopy(dst, from, dst, op, length);
    } else {
      // Overlapping copy: each byte may be one this copy just wrote (a repeated pattern).
      for (int i = 0; i < length; i++) {
        dst[op + i] = dst[from + i];
      }
    }
    op += length;
  }

  private void ensureRoom(long length) throws IOException {
    if (length > dstEnd - op) {
      throw new IOException(
          "snappy: element of "
              + length
              + " bytes overruns the declared length "
              + (dstEnd - dstStart));
    }
  }

  private long readLittleEndian(int bytes) throws IOException {
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value |= (long) nextByte() << (8 * i);
    }
    return value;
  }

  private int nextByte() throws IOException {
    if (ip >= srcEnd) {
      throw new IOException("snappy: block truncated");
    }
    return src[ip++] & 0xFF;
  }
}

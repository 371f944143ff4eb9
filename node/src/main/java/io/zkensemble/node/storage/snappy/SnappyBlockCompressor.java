package io.zkensemble.node.storage.snappy;

import java.util.Arrays;
import java.util.Objects;

/**
 * Compresses bytes into one raw snappy block (Google's snappy format_description): the uncompressed
 * length as a varint, then literal and copy elements.
 *
 * <p>Like snappy itself, the input is cut into fragments of at most 64 KiB that are matched
 * independently, so every copy offset fits in two bytes. Matching is greedy: a hash table maps the
 * hash of four input bytes to the last position they were seen at. An instance keeps that table
 * between calls, so it is not thread-safe.
 */
final class SnappyBlockCompressor {
  static final int FRAGMENT_SIZE = 1 << 16;

  private static final int MIN_TABLE_BITS = 8;
  private static final int MAX_TABLE_BITS = 14;
  private static final int HASH_MULTIPLIER = 0x1E35A7BD;
  private static final int MIN_MATCH = 4;
  // Searching a fragment this short costs more than the few bytes a copy could save.
  private static final int MIN_SEARCHED_FRAGMENT = 16;
  private static final int MAX_COPY_LENGTH = 64;
  private static final int MAX_COPY1_LENGTH = 11;
  private static final int MAX_COPY1_OFFSET = 2047;

  private final int[] table = new int[1 << MAX_TABLE_BITS];
  private byte[] out;
  private int op;

  /** The most bytes {@link #compress} can write for {@code length} input bytes (snappy's bound). */
  static int maxCompressedLength(int length) {
    return Math.toIntExact(32L + length + length / 6);
  }

  /**
   * Compresses {@code src[srcOff, srcOff + length)} into {@code dst} at {@code dstOff}, which must
   * have room for {@link #maxCompressedLength}; returns the number of bytes written.
   */
  int compress(byte[] src, int srcOff, int length, byte[] dst, int dstOff) {
    Objects.checkFromIndexSize(srcOff, length, src.length);
    Objects.checkFromIndexSize(dstOff, maxCompressedLength(length), dst.length);
    out = dst;
    op = dstOff;
    writeVarint(length);
    int end = srcOff + length;
    for (int start = srcOff; start < end; start += FRAGMENT_SIZE) {
      compressFragment(src, start, Math.min(end, start + FRAGMENT_SIZE));
    }
    out = null;
    return op - dstOff;
  }

  private void compressFragment(byte[] src, int start, int end) {
    if (end - start < MIN_SEARCHED_FRAGMENT) {
      emitLiteral(src, start, end - start);
      return;
    }
    int tableBits =
        Math.clamp(
            32 - Integer.numberOfLeadingZeros(end - start - 1), MIN_TABLE_BITS, MAX_TABLE_BITS);
    int shift = 32 - tableBits;
    // Zero means "fragment start": a stale or empty entry is harmless, every candidate is verified.
    Arrays.fill(table, 0, 1 << tableBits, 0);
    int limit = end - MIN_MATCH;
    int literalStart = start;
    int ip = start + 1;
    // Snappy's heuristic: after 32 misses in a row, step two bytes at a time, then three, and so
    // on, so incompressible data is skipped quickly; a match resets it.
    int skip = 32;
    while (ip <= limit) {
      int candidate = swapEntry(src, start, ip, shift);
      if (int32(src, candidate) != int32(src, ip)) {
        ip += skip++ >>> 5;
        continue;
      }
      emitLiteral(src, literalStart, ip - literalStart);
      literalStart = emitMatches(src, start, end, candidate, ip, shift);
      ip = literalStart + 1;
      skip = 32;
    }
    emitLiteral(src, literalStart, end - literalStart);
  }

  /**
   * Emits the match of {@code ip} against {@code candidate}, then keeps emitting copies while the
   * position right after a match also matches; returns the end of the last match.
   */
  private int emitMatches(byte[] src, int start, int end, int candidate, int ip, int shift) {
    int from = candidate;
    int pos = ip;
    while (true) {
      int length = matchLength(src, from, pos, end);
      emitCopy(pos - from, length);
      pos += length;
      if (pos > end - MIN_MATCH) {
        return pos;
      }
      // Remember the match's last position too: the next repetition often starts there.
      table[hash(int32(src, pos - 1), shift)] = pos - 1 - start;
      from = swapEntry(src, start, pos, shift);
      if (int32(src, from) != int32(src, pos)) {
        return pos;
      }
    }
  }

  /** Bytes at {@code from} equal those at {@code pos} (at least four are known equal). */
  private static int matchLength(byte[] src, int from, int pos, int end) {
    int available = end - pos;
    int mismatch =
        Arrays.mismatch(src, from + MIN_MATCH, from + available, src, pos + MIN_MATCH, end);
    return mismatch < 0 ? available : MIN_MATCH + mismatch;
  }

  /** Records {@code pos} in the table and returns the position previously stored there. */
  private int swapEntry(byte[] src, int start, int pos, int shift) {
    int slot = hash(int32(src, pos), shift);
    int candidate = start + table[slot];
    table[slot] = pos - start;
    return candidate;
  }

  private static int hash(int fourBytes, int shift) {
    return (fourBytes * HASH_MULTIPLIER) >>> shift;
  }

  private static int int32(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
  }

  private void writeVarint(int value) {
    int rest = value;
    while ((rest & ~0x7F) != 0) {
      out[op++] = (byte) (rest | 0x80);
      rest >>>= 7;
    }
    out[op++] = (byte) rest;
  }

  private void emitLiteral(byte[] src, int from, int length) {
    if (length == 0) {
      return;
    }
    int code = length - 1;
    if (code < 60) {
      out[op++] = (byte) (code << 2);
    } else {
      // Tags 60..63 say the length minus one follows in 1..4 little-endian bytes.
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(code) + 7) / 8;
      out[op++] = (byte) ((59 + bytes) << 2);
      for (int i = 0; i < bytes; i++) {
        out[op++] = (byte) (code >>> (8 * i));
      }
    }
    System.arraycopy(src, from, out, op, length);
    op += length;
  }

  private void emitCopy(int offset, int length) {
    int rest = length;
    // A single copy holds at most 64 bytes. Splitting 65..67 as 60 + rest keeps the last piece at
    // four bytes or more, so it can still be the compact one-byte-offset form.
    while (rest >= MAX_COPY_LENGTH + MIN_MATCH) {
      emitCopy2(offset, MAX_COPY_LENGTH);
      rest -= MAX_COPY_LENGTH;
    }
    if (rest > MAX_COPY_LENGTH) {
      emitCopy2(offset, MAX_COPY_LENGTH - MIN_MATCH);
      rest -= MAX_COPY_LENGTH - MIN_MATCH;
    }
    if (rest <= MAX_COPY1_LENGTH && offset <= MAX_COPY1_OFFSET) {
      out[op++] = (byte) (1 | (rest - MIN_MATCH) << 2 | (offset >>> 8) << 5);
      out[op++] = (byte) offset;
    } else {
      emitCopy2(offset, rest);
    }
  }

  private void emitCopy2(int offset, int length) {
    out[op++] = (byte) (2 | (length - 1) << 2);
    out[op++] = (byte) offset;
    out[op++] = (byte) (offset >>> 8);
  }
}

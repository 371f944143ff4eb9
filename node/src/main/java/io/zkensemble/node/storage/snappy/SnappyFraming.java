package io.zkensemble.node.storage.snappy;

/**
 * Framing facts of snappy-java's SnappyOutputStream format: a 16-byte header (8 magic bytes, then
 * version 1 and minimum compatible version 1 as big-endian ints), then chunks of [compressed
 * length, big-endian int][raw snappy block].
 */
final class SnappyFraming {
  static final int HEADER_SIZE = 16;
  static final int MAGIC_SIZE = 8;
  static final int VERSION = 1;

  /** Never modified; shared by both streams. */
  static final byte[] HEADER = {
    -126, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, VERSION, 0, 0, 0, VERSION
  };

  /**
   * The magic's first four bytes read as a chunk length (negative, so never a real one): where a
   * chunk length is expected, it announces another header, as in concatenated streams.
   */
  static final int MAGIC_HEAD = readInt(HEADER, 0);

  private SnappyFraming() {}

  static int readInt(byte[] b, int i) {
    return b[i] << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
  }

  static void writeInt(byte[] b, int i, int value) {
    b[i] = (byte) (value >>> 24);
    b[i + 1] = (byte) (value >>> 16);
    b[i + 2] = (byte) (value >>> 8);
    b[i + 3] = (byte) value;
  }
}

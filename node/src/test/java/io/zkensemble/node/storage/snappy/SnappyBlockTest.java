package io.zkensemble.node.storage.snappy;

import static io.zkensemble.node.storage.snappy.SnappyTestData.bytes;
import static io.zkensemble.node.storage.snappy.SnappyTestData.concat;
import static io.zkensemble.node.storage.snappy.SnappyTestData.random;
import static io.zkensemble.node.storage.snappy.SnappyTestData.repetitiveText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;

@Timeout(30)
class SnappyBlockTest {
  private static final int MIB = 1 << 20;

  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of("empty", new byte[0]),
        Arguments.of("one byte", bytes(42)),
        Arguments.of("15 bytes, too short to search", random(15, 1)),
        Arguments.of("16 repeated bytes", new byte[16]),
        Arguments.of("one whole fragment", repetitiveText(SnappyBlockCompressor.FRAGMENT_SIZE, 2)),
        Arguments.of("fragment + 1", random(SnappyBlockCompressor.FRAGMENT_SIZE + 1, 3)),
        Arguments.of("1 MiB random", random(MIB, 4)),
        Arguments.of("1 MiB text", repetitiveText(MIB, 5)),
        Arguments.of("1 MiB zeros", new byte[MIB]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void oursRoundTrips(String name, byte[] input) throws IOException {
    assertArrayEquals(input, decompress(compress(input)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void snappyJavaDecodesOurBlocks(String name, byte[] input) throws IOException {
    assertArrayEquals(input, Snappy.uncompress(compress(input)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void weDecodeSnappyJavaBlocks(String name, byte[] input) throws IOException {
    assertArrayEquals(input, decompress(Snappy.compress(input)));
  }

  @Test
  void aRunIsOneLiteralThenCopiesOfAtMost64Bytes() throws IOException {
    byte[] run = new byte[100];
    Arrays.fill(run, (byte) 'a');
    // varint 100; literal "a"; copy-2 offset 1 length 64; copy-2 offset 1 length 35.
    byte[] expected = bytes(100, 0x00, 'a', 0xFE, 1, 0, 0x8A, 1, 0);
    assertArrayEquals(expected, compress(run));
    assertArrayEquals(run, Snappy.uncompress(expected));
  }

  @Test
  void shortNearbyMatchesUseTheTwoByteCopy() throws IOException {
    byte[] input = "abcdefgh-abcdefgh+xyz".getBytes(StandardCharsets.US_ASCII);
    // varint 21; literal "abcdefgh-"; copy-1 offset 9 length 8; literal "+xyz".
    byte[] expected =
        concat(
            concat(bytes(21, 8 << 2), "abcdefgh-".getBytes(StandardCharsets.US_ASCII)),
            concat(bytes(0x11, 9, 3 << 2), "+xyz".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(expected, compress(input));
    assertArrayEquals(input, Snappy.uncompress(expected));
  }

  @Test
  void incompressibleInputBecomesOneLiteralPerFragment() throws IOException {
    byte[] input = random(MIB, 6);
    byte[] compressed = compress(input);
    // 3-byte varint, then per 64 KiB fragment a tag with a 2-byte length and the bytes themselves.
    assertEquals(3 + 16 * (3 + SnappyBlockCompressor.FRAGMENT_SIZE), compressed.length);
    assertTrue(compressed.length <= SnappyBlockCompressor.maxCompressedLength(MIB));
  }

  @Test
  void repetitiveTextCompressesAsWellAsSnappyJava() throws IOException {
    byte[] input = repetitiveText(MIB, 5);
    int ours = compress(input).length;
    int theirs = Snappy.compress(input).length;
    assertTrue(ours < input.length / 5, ours + " bytes");
    assertTrue(ours <= theirs + theirs / 20, ours + " bytes, snappy-java " + theirs);
  }

  @Test
  void decodesEveryElementForm() throws IOException {
    byte[] block =
        concat(
            bytes(
                23, // uncompressed length
                3 << 2, 'a', 'b', 'c', 'd', // literal, length in the tag
                0x01, 4, // copy-1: length 4, offset 4 -> "abcd"
                0x12, 2, 0, // copy-2: length 5, offset 2, overlapping -> "cdcdc"
                0x0B, 8, 0, 0, 0, // copy-4: length 3, offset 8 -> "bcd"
                60 << 2, 2, 'x', 'y', 'z'), // literal, length in 1 more byte
            bytes(
                61 << 2, 1, 0, 'p', 'q', // literal, length in 2 more bytes
                62 << 2, 0, 0, 0, 'r', // literal, length in 3 more bytes
                63 << 2, 0, 0, 0, 0, 's')); // literal, length in 4 more bytes
    byte[] expected = "abcdabcdcdcdcbcdxyzpqrs".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(expected, decompress(block));
    assertArrayEquals(expected, Snappy.uncompress(block));
  }

  @Test
  void decodesLongLiteralsAndFourByteOffsets() throws IOException {
    int literal = 70_000;
    byte[] text = random(literal, 7);
    int code = literal - 1;
    byte[] threeByteLength = bytes(62 << 2, code, code >>> 8, code >>> 16);
    byte[] fourByteLength = bytes(63 << 2, code, code >>> 8, code >>> 16, 0);
    // A copy-4 of 64 bytes from 70,000 bytes back: the start of the second literal.
    byte[] farCopy = bytes(3 | 63 << 2, literal, literal >>> 8, literal >>> 16, 0);
    byte[] block =
        concat(
            // 0xA0 0xC6 0x08: the varint of 140,064, the uncompressed length.
            concat(concat(bytes(0xA0, 0xC6, 0x08), threeByteLength), text),
            concat(concat(fourByteLength, text), farCopy));
    byte[] expected = concat(concat(text, text), Arrays.copyOf(text, 64));
    assertEquals(
        2 * literal + 64, SnappyBlockDecompressor.uncompressedLength(block, 0, block.length));
    assertArrayEquals(expected, decompress(block));
    assertArrayEquals(expected, Snappy.uncompress(block));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", bytes(), "snappy: block truncated"),
        Arguments.of("truncated varint", bytes(0x80), "snappy: block truncated"),
        Arguments.of(
            "six-byte varint",
            bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
            "snappy: uncompressed length varint is longer than 5 bytes"),
        Arguments.of(
            "length beyond an array",
            bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F),
            "snappy: uncompressed length 4294967295 is too large"),
        Arguments.of(
            "copy offset 0",
            bytes(5, 0x00, 'a', 0x01, 0),
            "snappy: copy offset 0 outside the 1 bytes decoded"),
        Arguments.of(
            "copy before the start",
            bytes(5, 0x00, 'a', 0x01, 2),
            "snappy: copy offset 2 outside the 1 bytes decoded"),
        Arguments.of(
            "copy-4 offset beyond an int",
            bytes(5, 0x00, 'a', 0x0F, 0xFF, 0xFF, 0xFF, 0xFF),
            "snappy: copy offset 4294967295 outside the 1 bytes decoded"),
        Arguments.of(
            "literal overruns the output",
            bytes(2, 2 << 2, 'a', 'b', 'c'),
            "snappy: element of 3 bytes overruns the declared length 2"),
        Arguments.of(
            "copy overruns the output",
            bytes(3, 0x00, 'a', 0x01, 1),
            "snappy: element of 4 bytes overruns the declared length 3"),
        Arguments.of(
            "truncated literal",
            bytes(3, 2 << 2, 'a'),
            "snappy: block truncated inside a literal of 3 bytes"),
        Arguments.of(
            "literal length beyond an int",
            bytes(5, 63 << 2, 0xFF, 0xFF, 0xFF, 0xFF, 'a'),
            "snappy: block truncated inside a literal of 4294967296 bytes"),
        Arguments.of(
            "truncated copy offset", bytes(5, 0x00, 'a', 0x12, 1), "snappy: block truncated"),
        Arguments.of(
            "fewer bytes than declared",
            bytes(5, 0x00, 'a'),
            "snappy: block decodes to 1 bytes but declares 5"),
        Arguments.of("no elements", bytes(1), "snappy: block decodes to 0 bytes but declares 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedBlocks(String name, byte[] block, String message) {
    IOException e = assertThrows(IOException.class, () -> decompress(block));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void snappyJavaAlsoRejectsThem(String name, byte[] block, String message) throws IOException {
    assertFalse(Snappy.isValidCompressedBuffer(block));
  }

  /**
   * Corrupts and truncates valid blocks at random (the length varint kept, so the test can size the
   * output) and checks that we accept exactly what snappy-java accepts, with the same result.
   */
  @Test
  void agreesWithSnappyJavaOnCorruptedBlocks() throws IOException {
    byte[] valid = compress(repetitiveText(4096, 8));
    Random random = new Random(9);
    int accepted = 0;
    for (int i = 0; i < 5000; i++) {
      byte[] block = corrupt(valid, random);
      boolean snappyJavaAccepts = Snappy.isValidCompressedBuffer(block);
      if (snappyJavaAccepts) {
        assertArrayEquals(Snappy.uncompress(block), decompress(block));
        accepted++;
      } else {
        assertThrows(IOException.class, () -> decompress(block));
      }
    }
    // Both branches ran: some corruptions only change literal bytes or copy details.
    assertEquals(640, accepted);
  }

  private static byte[] corrupt(byte[] valid, Random random) {
    int varintBytes = 2;
    byte[] block = valid.clone();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      block[varintBytes + random.nextInt(block.length - varintBytes)] = (byte) random.nextInt(256);
    }
    return random.nextBoolean()
        ? block
        : Arrays.copyOf(block, varintBytes + random.nextInt(block.length - varintBytes));
  }

  private static byte[] compress(byte[] input) {
    byte[] out = new byte[SnappyBlockCompressor.maxCompressedLength(input.length)];
    int length = new SnappyBlockCompressor().compress(input, 0, input.length, out, 0);
    return Arrays.copyOf(out, length);
  }

  private static byte[] decompress(byte[] block) throws IOException {
    byte[] out = new byte[SnappyBlockDecompressor.uncompressedLength(block, 0, block.length)];
    assertEquals(out.length, SnappyBlockDecompressor.decompress(block, 0, block.length, out, 0));
    return out;
  }
}

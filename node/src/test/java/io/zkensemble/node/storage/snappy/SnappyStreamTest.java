package io.zkensemble.node.storage.snappy;

import static io.zkensemble.node.storage.snappy.SnappyTestData.bytes;
import static io.zkensemble.node.storage.snappy.SnappyTestData.concat;
import static io.zkensemble.node.storage.snappy.SnappyTestData.random;
import static io.zkensemble.node.storage.snappy.SnappyTestData.repetitiveText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

@Timeout(30)
class SnappyStreamTest {
  private static final int KIB_32 = 32 * 1024;
  private static final int MIB = 1 << 20;
  private static final byte[] HEADER =
      bytes(0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1);

  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of("empty", new byte[0]),
        Arguments.of("one byte", bytes(7)),
        Arguments.of("32 KiB", random(KIB_32, 11)),
        Arguments.of("32 KiB + 1", random(KIB_32 + 1, 12)),
        Arguments.of("1 MiB random", random(MIB, 13)),
        Arguments.of("1 MiB text", repetitiveText(MIB, 14)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void oursRoundTrips(String name, byte[] data) throws IOException {
    assertArrayEquals(data, readOurs(writeOurs(data)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void snappyJavaReadsOurStreams(String name, byte[] data) throws IOException {
    assertArrayEquals(data, readSnappyJava(writeOurs(data)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void weReadSnappyJavaStreams(String name, byte[] data) throws IOException {
    assertArrayEquals(data, readOurs(writeSnappyJava(data)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void headerAndChunkingMatchSnappyJava(String name, byte[] data) throws IOException {
    byte[] ours = writeOurs(data);
    byte[] theirs = writeSnappyJava(data);
    assertArrayEquals(HEADER, Arrays.copyOf(ours, HEADER.length));
    assertArrayEquals(HEADER, Arrays.copyOf(theirs, HEADER.length));
    assertEquals(chunkSizes(theirs), chunkSizes(ours));
  }

  @Test
  void anEmptyStreamIsTheHeaderAlone() throws IOException {
    assertArrayEquals(HEADER, writeOurs(new byte[0]));
    assertArrayEquals(HEADER, writeSnappyJava(new byte[0]));
  }

  @Test
  void chunksHold32KibOfInput() throws IOException {
    assertEquals(List.of(), chunkSizes(writeOurs(new byte[0])));
    assertEquals(List.of(KIB_32), chunkSizes(writeOurs(new byte[KIB_32])));
    assertEquals(List.of(KIB_32, 1), chunkSizes(writeOurs(new byte[KIB_32 + 1])));
  }

  @Test
  void repetitiveTextCompressesWell() throws IOException {
    byte[] data = repetitiveText(MIB, 14);
    int ours = writeOurs(data).length;
    int theirs = writeSnappyJava(data).length;
    assertTrue(ours < data.length / 5, ours + " bytes");
    assertTrue(ours <= theirs + theirs / 20, ours + " bytes, snappy-java " + theirs);
  }

  @Test
  void flushEndsAChunkLikeSnappyJava() throws IOException {
    byte[] data = repetitiveText(1000 + 40_000 + 1, 15);
    ByteArrayOutputStream oursSink = new ByteArrayOutputStream();
    ByteArrayOutputStream theirsSink = new ByteArrayOutputStream();
    try (OutputStream ours = new SnappyFramedOutputStream(oursSink);
        OutputStream theirs = new SnappyOutputStream(theirsSink)) {
      for (OutputStream out : List.of(ours, theirs)) {
        out.flush();
        out.write(data, 0, 1000);
        out.flush();
        out.write(data, 1000, 40_000);
        out.flush();
        out.flush();
        out.write(data, 41_000, 0);
        out.write(data[41_000]);
      }
    }
    byte[] ours = oursSink.toByteArray();
    byte[] theirs = theirsSink.toByteArray();
    assertEquals(List.of(1000, KIB_32, 40_000 - KIB_32, 1), chunkSizes(ours));
    assertEquals(chunkSizes(theirs), chunkSizes(ours));
    assertArrayEquals(data, readOurs(ours));
    assertArrayEquals(data, readSnappyJava(ours));
    assertArrayEquals(data, readOurs(theirs));
  }

  @Test
  void flushBeforeAnyWriteEmitsTheHeader() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = new SnappyFramedOutputStream(sink);
    assertEquals(0, sink.size());
    out.flush();
    assertArrayEquals(HEADER, sink.toByteArray());
    out.flush();
    assertArrayEquals(HEADER, sink.toByteArray());
  }

  @Test
  void readsConcatenatedStreams() throws IOException {
    byte[] first = repetitiveText(KIB_32 + 5, 16);
    byte[] second = random(100, 17);
    byte[] both = concat(first, second);
    assertArrayEquals(both, readOurs(concat(writeOurs(first), writeOurs(second))));
    assertArrayEquals(both, readOurs(concat(writeSnappyJava(first), writeOurs(second))));
    assertArrayEquals(both, readSnappyJava(concat(writeOurs(first), writeOurs(second))));
    assertArrayEquals(second, readOurs(concat(writeOurs(new byte[0]), writeOurs(second))));
  }

  @Test
  void readsByteByByteAcrossChunks() throws IOException {
    byte[] data = random(KIB_32 + 2, 18);
    try (InputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(writeOurs(data)))) {
      assertEquals(0, in.available());
      assertEquals(0, in.read(new byte[4], 1, 0));
      assertEquals(data[0] & 0xFF, in.read());
      assertEquals(KIB_32 - 1, in.available());
      byte[] rest = new byte[data.length];
      assertEquals(KIB_32 - 1, in.read(rest, 1, data.length - 1));
      for (int i = KIB_32; i < data.length; i++) {
        rest[i] = (byte) in.read();
      }
      rest[0] = data[0];
      assertArrayEquals(data, rest);
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(rest, 0, 1));
      assertEquals(0, in.available());
    }
  }

  @Test
  void closeFlushesAndClosesTheWrappedStreamOnce() throws IOException {
    CountingSink sink = new CountingSink();
    OutputStream out = new SnappyFramedOutputStream(sink);
    out.write(bytes(1, 2, 3));
    out.close();
    out.close();
    assertEquals(1, sink.closes);
    assertArrayEquals(bytes(1, 2, 3), readOurs(sink.toByteArray()));
    assertEquals(
        "snappy stream is closed",
        assertThrows(IOException.class, () -> out.write(4)).getMessage());
    assertEquals(
        "snappy stream is closed", assertThrows(IOException.class, out::flush).getMessage());
  }

  @Test
  void closeClosesTheWrappedInput() throws IOException {
    CountingSource source = new CountingSource(writeOurs(bytes(1)));
    InputStream in = new SnappyFramedInputStream(source);
    in.close();
    assertEquals(1, source.closes);
    assertEquals("snappy stream is closed", assertThrows(IOException.class, in::read).getMessage());
  }

  @Test
  void everyTruncationFailsExceptBetweenChunks() throws IOException {
    byte[] data = repetitiveText(KIB_32 + 300, 19);
    byte[] framed = writeOurs(data);
    int firstChunkEnd =
        HEADER.length + Integer.BYTES + SnappyFraming.readInt(framed, HEADER.length);
    Map<Integer, byte[]> cleanEnds =
        Map.of(
            HEADER.length,
            new byte[0],
            firstChunkEnd,
            Arrays.copyOf(data, KIB_32),
            framed.length,
            data);
    int failures = 0;
    for (int cut = 0; cut <= framed.length; cut++) {
      byte[] truncated = Arrays.copyOf(framed, cut);
      byte[] expected = cleanEnds.get(cut);
      if (expected == null) {
        assertThrows(IOException.class, () -> readOurs(truncated), "cut at " + cut);
        failures++;
      } else {
        assertArrayEquals(expected, readOurs(truncated), "cut at " + cut);
      }
    }
    assertEquals(framed.length + 1 - 3, failures);
  }

  static Stream<Arguments> malformed() throws IOException {
    byte[] chunk = bytes(0, 0, 0, 3, 5, 0x00, 'a');
    return Stream.of(
        Arguments.of("empty", bytes(), "snappy stream truncated inside a header (0 of 16 bytes)"),
        Arguments.of("random bytes", random(1000, 20), "not a snappy-java stream: bad magic"),
        Arguments.of(
            "raw block without header",
            Snappy.compress(random(100, 21)),
            "not a snappy-java stream: bad magic"),
        Arguments.of(
            "version 0",
            withHeaderInt(8, 0),
            "unsupported snappy stream version 0 (minimum compatible 1)"),
        Arguments.of(
            "minimum compatible version 2",
            withHeaderInt(12, 2),
            "unsupported snappy stream version 1 (minimum compatible 2)"),
        Arguments.of(
            "corrupted block",
            concat(HEADER, chunk),
            "snappy: block decodes to 1 bytes but declares 5"),
        Arguments.of(
            "partial chunk length",
            concat(HEADER, bytes(0, 0)),
            "snappy stream truncated inside a chunk length"),
        Arguments.of(
            "negative chunk length",
            concat(HEADER, bytes(0xFF, 0xFF, 0xFF, 0xFF)),
            "snappy chunk compressed length -1 outside 0..67108864"),
        Arguments.of(
            "chunk length over 64 MiB",
            concat(HEADER, bytes(0x04, 0, 0, 1)),
            "snappy chunk compressed length 67108865 outside 0..67108864"),
        Arguments.of(
            "uncompressed length over 64 MiB",
            concat(HEADER, bytes(0, 0, 0, 4, 0x81, 0x80, 0x80, 0x20)),
            "snappy chunk uncompressed length 67108865 outside 0..67108864"),
        Arguments.of(
            "truncated chunk",
            concat(HEADER, bytes(0, 0, 0, 9, 5)),
            "snappy stream truncated inside a chunk (1 of 9 bytes)"),
        Arguments.of(
            "truncated concatenated header",
            concat(HEADER, Arrays.copyOf(HEADER, 7)),
            "snappy stream truncated inside a header (3 of 12 bytes)"),
        Arguments.of(
            "bad concatenated magic",
            concat(HEADER, concat(Arrays.copyOf(HEADER, 4), new byte[12])),
            "not a snappy-java stream: bad magic"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedStreams(String name, byte[] framed, String message) {
    IOException e = assertThrows(IOException.class, () -> readOurs(framed));
    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsRandomBytesAfterAValidHeader() {
    for (long seed = 0; seed < 200; seed++) {
      byte[] framed = concat(HEADER, random(1000, seed));
      assertThrows(IOException.class, () -> readOurs(framed), "seed " + seed);
    }
  }

  private static byte[] withHeaderInt(int offset, int value) {
    byte[] header = HEADER.clone();
    SnappyFraming.writeInt(header, offset, value);
    return header;
  }

  /** The uncompressed size of each chunk, read with snappy-java's block decoder. */
  private static List<Integer> chunkSizes(byte[] framed) throws IOException {
    List<Integer> sizes = new ArrayList<>();
    for (int pos = HEADER.length; pos < framed.length; ) {
      int length = SnappyFraming.readInt(framed, pos);
      sizes.add(Snappy.uncompressedLength(framed, pos + Integer.BYTES, length));
      pos += Integer.BYTES + length;
    }
    return sizes;
  }

  private static byte[] writeOurs(byte[] data) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = new SnappyFramedOutputStream(sink)) {
      out.write(data);
    }
    return sink.toByteArray();
  }

  private static byte[] writeSnappyJava(byte[] data) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = new SnappyOutputStream(sink)) {
      out.write(data);
    }
    return sink.toByteArray();
  }

  private static byte[] readOurs(byte[] framed) throws IOException {
    try (InputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(framed))) {
      return in.readAllBytes();
    }
  }

  private static byte[] readSnappyJava(byte[] framed) throws IOException {
    try (InputStream in = new SnappyInputStream(new ByteArrayInputStream(framed))) {
      return in.readAllBytes();
    }
  }

  private static final class CountingSink extends ByteArrayOutputStream {
    int closes;

    @Override
    public void close() {
      closes++;
    }
  }

  private static final class CountingSource extends ByteArrayInputStream {
    int closes;

    CountingSource(byte[] data) {
      super(data);
    }

    @Override
    public void close() {
      closes++;
    }
  }
}

package io.zkensemble.node.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;

/** Compares our Jute encoding with the bytes Apache ZooKeeper's own generated classes produce. */
final class GoldenBytes {
  private GoldenBytes() {}

  static byte[] apacheBytes(Record record) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      record.serialize(BinaryOutputArchive.getArchive(bytes), "golden");
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] ourBytes(JuteRecord record) {
    Buffer buffer = Buffer.buffer();
    record.writeTo(new JuteOutput(buffer));
    return buffer.getBytes();
  }

  /**
   * Asserts that ours encodes to Apache's bytes, that we decode Apache's bytes completely, and that
   * what we decoded encodes back to the same bytes. Returns what we decoded for field checks.
   */
  static <T extends JuteRecord> T assertGolden(
      T ours, Record apache, Function<JuteInput, T> reader) {
    byte[] expected = apacheBytes(apache);
    assertArrayEquals(expected, ourBytes(ours), () -> "encoding of " + ours.getClass().getName());
    JuteInput in = new JuteInput(Buffer.buffer(expected));
    T decoded = reader.apply(in);
    assertEquals(0, in.remaining(), "bytes left after decoding " + apache.getClass().getName());
    assertArrayEquals(expected, ourBytes(decoded), "re-encoding of the decoded record");
    return decoded;
  }
}

package io.zkensemble.node.wire;

import static io.zkensemble.node.wire.GoldenBytes.apacheBytes;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.proto.GetDataRequest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JuteInputTest {
  @Test
  void truncatedRecordThrows() {
    byte[] full = apacheBytes(new org.apache.zookeeper.proto.GetDataRequest("/a/b", true));
    JuteInput in = new JuteInput(Buffer.buffer(Arrays.copyOf(full, full.length - 1)));
    assertThrows(JuteException.class, () -> GetDataRequest.readFrom(in));
  }

  @Test
  void stringLengthBelowMinusOneThrows() {
    JuteInput in = new JuteInput(Buffer.buffer().appendInt(-2).appendString("abc"));
    assertThrows(JuteException.class, in::readString);
  }

  @Test
  void stringLengthBeyondRemainingBytesThrowsWithoutAllocating() {
    JuteInput in = new JuteInput(Buffer.buffer().appendInt(Integer.MAX_VALUE).appendString("abc"));
    assertThrows(JuteException.class, in::readString);
  }

  @Test
  void vectorCountBeyondRemainingBytesThrows() {
    JuteInput in = new JuteInput(Buffer.buffer().appendInt(1_000_000).appendBytes(new byte[10]));
    assertThrows(JuteException.class, in::readStrings);
  }
}

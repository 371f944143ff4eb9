package io.zkensemble.node.quorum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The helpers a transport uses for REQUEST, REVALIDATE and ping data, on odd input. */
class QuorumRecordsTest {
  @Test
  void forwardedRequestWithNullAuthInfo() {
    ForwardedRequest request = new ForwardedRequest(1, 2, 3, new byte[] {4}, null);
    assertEquals(request, ForwardedRequest.fromBytes(request.toBytes()));
  }

  @Test
  void forwardedRequestRejectsOtherBytes() {
    byte[] ack = QuorumCodec.encode(new Message.Ack(1)).getBytes();
    assertThrows(JuteException.class, () -> ForwardedRequest.fromBytes(ack));
    byte[] shortData = QuorumCodec.encode(new QuorumPacket(1, -1, new byte[15], null)).getBytes();
    assertThrows(JuteException.class, () -> ForwardedRequest.fromBytes(shortData));
    byte[] trailing =
        QuorumCodec.encode(new QuorumPacket(1, -1, new byte[16], null))
            .appendByte((byte) 0)
            .getBytes();
    assertThrows(JuteException.class, () -> ForwardedRequest.fromBytes(trailing));
  }

  @Test
  void requestMessagesMustHoldARequestPacket() {
    assertThrows(
        IllegalArgumentException.class,
        () -> QuorumCodec.encode(new Message.Request(new byte[] {0, 0, 0, 3})));
  }

  @Test
  void revalidateReadsWhatItWrites() {
    assertEquals(
        new Revalidate.Request(7, 30_000), Revalidate.readRequest(Revalidate.request(7, 30_000)));
    assertEquals(
        new Revalidate.Answer(7, false), Revalidate.readAnswer(Revalidate.answer(7, false)));
    assertThrows(
        JuteException.class,
        () -> Revalidate.readRequest(new QuorumPacket(6, -1, new byte[11], null)));
    assertThrows(
        JuteException.class,
        () -> Revalidate.readAnswer(new QuorumPacket(5, -1, new byte[9], null)));
  }

  @Test
  void sessionTouches() {
    assertArrayEquals(new byte[0], SessionTouches.encode(Map.of()));
    assertEquals(Map.of(), SessionTouches.decode(null));
    Map<Long, Integer> touches = new LinkedHashMap<>();
    touches.put(0x2L, 10);
    touches.put(0x1L, 20);
    assertEquals(
        List.copyOf(touches.entrySet()),
        List.copyOf(SessionTouches.decode(SessionTouches.encode(touches)).entrySet()));
    assertThrows(JuteException.class, () -> SessionTouches.decode(new byte[13]));
  }
}

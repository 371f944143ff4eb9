package io.zkensemble.node.quorum;

import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import java.nio.ByteBuffer;

/**
 * REVALIDATE (6), which {@link io.zkensemble.node.zab.Message} leaves to the transport: a learner
 * asks whether a session a client reconnects with is still alive (Learner.validateSession: session
 * id long, timeout int), and the leader answers on the same packet (Leader.revalidateSession: the
 * session id and a boolean). Both go with zxid -1 and no authinfo. {@link QuorumFrames} reports
 * them to its {@code onOther}; {@link QuorumCodec#encode(QuorumPacket)} writes them.
 */
public final class Revalidate {
  /** The zxid Learner.validateSession sends, which the leader's answer keeps. */
  private static final long NO_ZXID = -1;

  private Revalidate() {}

  /** A learner's question. */
  public record Request(long sessionId, int timeout) {}

  /** The leader's answer. */
  public record Answer(long sessionId, boolean valid) {}

  public static QuorumPacket request(long sessionId, int timeout) {
    byte[] data = ByteBuffer.allocate(8 + 4).putLong(sessionId).putInt(timeout).array();
    return new QuorumPacket(QuorumCodec.REVALIDATE, NO_ZXID, data, null);
  }

  public static QuorumPacket answer(long sessionId, boolean valid) {
    byte[] data = ByteBuffer.allocate(8 + 1).putLong(sessionId).put((byte) (valid ? 1 : 0)).array();
    return new QuorumPacket(QuorumCodec.REVALIDATE, NO_ZXID, data, null);
  }

  /** The question in a REVALIDATE packet a learner sent; throws when its data is too short. */
  public static Request readRequest(QuorumPacket packet) {
    ByteBuffer data = data(packet, 8 + 4);
    return new Request(data.getLong(), data.getInt());
  }

  /** The answer in a REVALIDATE packet the leader sent; throws when its data is too short. */
  public static Answer readAnswer(QuorumPacket packet) {
    ByteBuffer data = data(packet, 8 + 1);
    // DataInputStream.readBoolean: any byte but 0 is true.
    return new Answer(data.getLong(), data.get() != 0);
  }

  private static ByteBuffer data(QuorumPacket packet, int size) {
    if (packet.type() != QuorumCodec.REVALIDATE) {
      throw new JuteException("packet type " + packet.type() + " is not REVALIDATE");
    }
    if (packet.data() == null || packet.data().length < size) {
      throw new JuteException("REVALIDATE data shorter than " + size + " bytes");
    }
    return ByteBuffer.wrap(packet.data());
  }
}

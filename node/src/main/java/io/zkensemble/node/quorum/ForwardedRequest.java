package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A client request a learner forwards to the leader, in the bytes {@link
 * io.zkensemble.node.zab.Message.Request} carries: the whole REQUEST packet as Learner.request
 * writes it (type 1, zxid -1, data = session id long, cxid int, op type int, then the request's
 * serialized body; authinfo = the client connection's ids, as LearnerHandler hands them to the
 * leader's pipeline). {@code body} is empty for a request without one; {@code authInfo} null is
 * Apache's null vector.
 */
public record ForwardedRequest(long sessionId, int cxid, int type, byte[] body, List<Id> authInfo) {

  /** The zxid Learner.request puts in REQUEST: the leader assigns the real one. */
  private static final long NO_ZXID = -1;

  /** Session id (long), cxid and type (ints): the data before the body. */
  private static final int HEADER = 8 + 4 + 4;

  public byte[] toBytes() {
    byte[] data =
        ByteBuffer.allocate(HEADER + body.length)
            .putLong(sessionId)
            .putInt(cxid)
            .putInt(type)
            .put(body)
            .array();
    Buffer packet = Buffer.buffer(4 + 8 + 4 + data.length + 64);
    new JuteOutput(packet)
        .writeRecord(new QuorumPacket(QuorumCodec.REQUEST, NO_ZXID, data, authInfo));
    return packet.getBytes();
  }

  /**
   * Reads a REQUEST packet; throws {@link JuteException} when it is none, or its data is shorter
   * than the header LearnerHandler reads.
   */
  public static ForwardedRequest fromBytes(byte[] bytes) {
    JuteInput in = new JuteInput(Buffer.buffer(bytes));
    QuorumPacket packet = QuorumPacket.readFrom(in);
    if (packet.type() != QuorumCodec.REQUEST || in.remaining() != 0) {
      throw new JuteException("not a REQUEST packet");
    }
    byte[] data = packet.data();
    if (data == null || data.length < HEADER) {
      throw new JuteException("REQUEST data shorter than its header");
    }
    ByteBuffer header = ByteBuffer.wrap(data);
    return new ForwardedRequest(
        header.getLong(),
        header.getInt(),
        header.getInt(),
        Arrays.copyOfRange(data, HEADER, data.length),
        packet.authinfo());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ForwardedRequest request
        && request.sessionId == sessionId
        && request.cxid == cxid
        && request.type == type
        && Arrays.equals(request.body, body)
        && Objects.equals(request.authInfo, authInfo);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionId, cxid, type, Arrays.hashCode(body), authInfo);
  }

  @Override
  public String toString() {
    return "ForwardedRequest[session 0x"
        + Long.toHexString(sessionId)
        + ", cxid "
        + cxid
        + ", type "
        + type
        + ", "
        + body.length
        + " bytes, auth "
        + authInfo
        + "]";
  }
}

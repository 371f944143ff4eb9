package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.ConnectResponse: the answer to a ConnectRequest, without a
 * ReplyHeader. Clients up to 3.3 neither send nor expect the trailing readOnly.
 */
public record ConnectResponse(
    int protocolVersion, int timeOut, long sessionId, byte[] passwd, boolean readOnly)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    writeTo(out, true);
  }

  /** Writes the response, leaving out readOnly for a client whose ConnectRequest had none. */
  public void writeTo(JuteOutput out, boolean withReadOnly) {
    out.writeInt(protocolVersion).writeInt(timeOut).writeLong(sessionId).writeBuffer(passwd);
    if (withReadOnly) {
      out.writeBool(readOnly);
    }
  }

  public static ConnectResponse readFrom(JuteInput in) {
    return new ConnectResponse(
        in.readInt(),
        in.readInt(),
        in.readLong(),
        in.readBuffer(),
        in.remaining() > 0 && in.readBool());
  }
}

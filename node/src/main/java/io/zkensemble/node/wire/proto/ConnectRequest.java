package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.ConnectRequest: the first packet of a connection, without a
 * RequestHeader. Clients up to 3.3 end it before readOnly, which then reads as false.
 */
public record ConnectRequest(
    int protocolVersion,
    long lastZxidSeen,
    int timeOut,
    long sessionId,
    byte[] passwd,
    boolean readOnly)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(protocolVersion)
        .writeLong(lastZxidSeen)
        .writeInt(timeOut)
        .writeLong(sessionId)
        .writeBuffer(passwd)
        .writeBool(readOnly);
  }

  public static ConnectRequest readFrom(JuteInput in) {
    return new ConnectRequest(
        in.readInt(),
        in.readLong(),
        in.readInt(),
        in.readLong(),
        in.readBuffer(),
        in.remaining() > 0 && in.readBool());
  }
}

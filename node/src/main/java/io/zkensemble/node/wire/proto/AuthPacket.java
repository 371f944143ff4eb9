package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.AuthPacket: the body of auth (100), sent with xid -4. */
public record AuthPacket(int type, String scheme, byte[] auth) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(type).writeString(scheme).writeBuffer(auth);
  }

  public static AuthPacket readFrom(JuteInput in) {
    return new AuthPacket(in.readInt(), in.readString(), in.readBuffer());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.RequestHeader: precedes every client request after the connect packet.
 */
public record RequestHeader(int xid, int type) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(xid).writeInt(type);
  }

  public static RequestHeader readFrom(JuteInput in) {
    return new RequestHeader(in.readInt(), in.readInt());
  }
}

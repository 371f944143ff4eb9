package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.ReplyHeader: precedes every response and watch notification. */
public record ReplyHeader(int xid, long zxid, int err) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(xid).writeLong(zxid).writeInt(err);
  }

  public static ReplyHeader readFrom(JuteInput in) {
    return new ReplyHeader(in.readInt(), in.readLong(), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.MultiHeader: precedes each operation and each result of multi (14) and
 * multiRead (22).
 */
public record MultiHeader(int type, boolean done, int err) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(type).writeBool(done).writeInt(err);
  }

  public static MultiHeader readFrom(JuteInput in) {
    return new MultiHeader(in.readInt(), in.readBool(), in.readInt());
  }
}

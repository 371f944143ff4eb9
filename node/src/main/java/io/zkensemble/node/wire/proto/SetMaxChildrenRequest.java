package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.SetMaxChildrenRequest: in the schema, but no Apache 3.9 code path
 * sends it.
 */
public record SetMaxChildrenRequest(String path, int max) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(max);
  }

  public static SetMaxChildrenRequest readFrom(JuteInput in) {
    return new SetMaxChildrenRequest(in.readString(), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.GetMaxChildrenRequest: in the schema, but no Apache 3.9 code path
 * sends it.
 */
public record GetMaxChildrenRequest(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path);
  }

  public static GetMaxChildrenRequest readFrom(JuteInput in) {
    return new GetMaxChildrenRequest(in.readString());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.GetMaxChildrenResponse: in the schema, but no Apache 3.9 code path
 * sends it.
 */
public record GetMaxChildrenResponse(int max) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(max);
  }

  public static GetMaxChildrenResponse readFrom(JuteInput in) {
    return new GetMaxChildrenResponse(in.readInt());
  }
}

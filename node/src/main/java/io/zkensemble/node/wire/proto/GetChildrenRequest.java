package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.GetChildrenRequest: the body of getChildren (8). */
public record GetChildrenRequest(String path, boolean watch) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBool(watch);
  }

  public static GetChildrenRequest readFrom(JuteInput in) {
    return new GetChildrenRequest(in.readString(), in.readBool());
  }
}

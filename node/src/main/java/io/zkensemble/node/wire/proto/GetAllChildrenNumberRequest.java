package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.GetAllChildrenNumberRequest: the body of getAllChildrenNumber (104).
 */
public record GetAllChildrenNumberRequest(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path);
  }

  public static GetAllChildrenNumberRequest readFrom(JuteInput in) {
    return new GetAllChildrenNumberRequest(in.readString());
  }
}

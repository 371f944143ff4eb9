package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.GetAllChildrenNumberResponse: the response to getAllChildrenNumber
 * (104).
 */
public record GetAllChildrenNumberResponse(int totalNumber) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(totalNumber);
  }

  public static GetAllChildrenNumberResponse readFrom(JuteInput in) {
    return new GetAllChildrenNumberResponse(in.readInt());
  }
}

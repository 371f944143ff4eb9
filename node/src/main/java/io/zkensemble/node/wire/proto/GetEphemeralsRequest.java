package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.GetEphemeralsRequest: the body of getEphemerals (103). */
public record GetEphemeralsRequest(String prefixPath) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(prefixPath);
  }

  public static GetEphemeralsRequest readFrom(JuteInput in) {
    return new GetEphemeralsRequest(in.readString());
  }
}

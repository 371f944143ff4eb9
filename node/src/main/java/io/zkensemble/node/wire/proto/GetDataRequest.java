package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.GetDataRequest: the body of getData (4). */
public record GetDataRequest(String path, boolean watch) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBool(watch);
  }

  public static GetDataRequest readFrom(JuteInput in) {
    return new GetDataRequest(in.readString(), in.readBool());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.ExistsRequest: the body of exists (3). */
public record ExistsRequest(String path, boolean watch) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBool(watch);
  }

  public static ExistsRequest readFrom(JuteInput in) {
    return new ExistsRequest(in.readString(), in.readBool());
  }
}

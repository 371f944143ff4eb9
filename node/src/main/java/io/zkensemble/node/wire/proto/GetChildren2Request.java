package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.GetChildren2Request: the body of getChildren2 (12). */
public record GetChildren2Request(String path, boolean watch) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBool(watch);
  }

  public static GetChildren2Request readFrom(JuteInput in) {
    return new GetChildren2Request(in.readString(), in.readBool());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.CheckVersionRequest: the body of check (13), an operation of multi.
 */
public record CheckVersionRequest(String path, int version) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(version);
  }

  public static CheckVersionRequest readFrom(JuteInput in) {
    return new CheckVersionRequest(in.readString(), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.AddWatchRequest: the body of addWatch (106). */
public record AddWatchRequest(String path, int mode) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(mode);
  }

  public static AddWatchRequest readFrom(JuteInput in) {
    return new AddWatchRequest(in.readString(), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.CheckWatchesRequest: the body of checkWatches (17). */
public record CheckWatchesRequest(String path, int type) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(type);
  }

  public static CheckWatchesRequest readFrom(JuteInput in) {
    return new CheckWatchesRequest(in.readString(), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.RemoveWatchesRequest: the body of removeWatches (18). */
public record RemoveWatchesRequest(String path, int type) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(type);
  }

  public static RemoveWatchesRequest readFrom(JuteInput in) {
    return new RemoveWatchesRequest(in.readString(), in.readInt());
  }
}

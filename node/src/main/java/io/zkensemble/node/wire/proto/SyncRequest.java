package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.SyncRequest: the body of sync (9). */
public record SyncRequest(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path);
  }

  public static SyncRequest readFrom(JuteInput in) {
    return new SyncRequest(in.readString());
  }
}

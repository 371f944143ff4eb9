package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.SyncResponse: the response to sync (9). */
public record SyncResponse(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path);
  }

  public static SyncResponse readFrom(JuteInput in) {
    return new SyncResponse(in.readString());
  }
}

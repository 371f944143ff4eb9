package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.WatcherEvent: a watch notification, sent after a ReplyHeader with xid
 * -1.
 */
public record WatcherEvent(int type, int state, String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(type).writeInt(state).writeString(path);
  }

  public static WatcherEvent readFrom(JuteInput in) {
    return new WatcherEvent(in.readInt(), in.readInt(), in.readString());
  }
}

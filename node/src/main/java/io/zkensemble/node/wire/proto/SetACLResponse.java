package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.Stat;

/** org.apache.zookeeper.proto.SetACLResponse: the response to setACL (7). */
public record SetACLResponse(Stat stat) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeRecord(stat);
  }

  public static SetACLResponse readFrom(JuteInput in) {
    return new SetACLResponse(Stat.readFrom(in));
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.ReconfigRequest: the body of reconfig (16). */
public record ReconfigRequest(
    String joiningServers, String leavingServers, String newMembers, long curConfigId)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(joiningServers)
        .writeString(leavingServers)
        .writeString(newMembers)
        .writeLong(curConfigId);
  }

  public static ReconfigRequest readFrom(JuteInput in) {
    return new ReconfigRequest(in.readString(), in.readString(), in.readString(), in.readLong());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** org.apache.zookeeper.proto.SetACLRequest: the body of setACL (7). */
public record SetACLRequest(String path, List<ACL> acl, int version) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeRecords(acl).writeInt(version);
  }

  public static SetACLRequest readFrom(JuteInput in) {
    return new SetACLRequest(in.readString(), in.readVector(ACL::readFrom), in.readInt());
  }
}

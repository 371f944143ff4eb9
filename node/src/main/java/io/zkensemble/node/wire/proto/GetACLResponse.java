package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Stat;
import java.util.List;

/** org.apache.zookeeper.proto.GetACLResponse: the response to getACL (6). */
public record GetACLResponse(List<ACL> acl, Stat stat) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeRecords(acl).writeRecord(stat);
  }

  public static GetACLResponse readFrom(JuteInput in) {
    return new GetACLResponse(in.readVector(ACL::readFrom), Stat.readFrom(in));
  }
}

package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** org.apache.zookeeper.txn.SetACLTxn: the txn of setACL (7). */
public record SetACLTxn(String path, List<ACL> acl, int version) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeRecords(acl).writeInt(version);
  }

  public static SetACLTxn readFrom(JuteInput in) {
    return new SetACLTxn(in.readString(), in.readVector(ACL::readFrom), in.readInt());
  }
}

package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** org.apache.zookeeper.txn.CreateTxnV0: a create txn as logged before parentCVersion existed. */
public record CreateTxnV0(String path, byte[] data, List<ACL> acl, boolean ephemeral)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBuffer(data).writeRecords(acl).writeBool(ephemeral);
  }

  public static CreateTxnV0 readFrom(JuteInput in) {
    return new CreateTxnV0(
        in.readString(), in.readBuffer(), in.readVector(ACL::readFrom), in.readBool());
  }
}

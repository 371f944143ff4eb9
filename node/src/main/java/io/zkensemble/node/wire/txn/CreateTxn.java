package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** org.apache.zookeeper.txn.CreateTxn: the txn of create (1) and create2 (15). */
public record CreateTxn(
    String path, byte[] data, List<ACL> acl, boolean ephemeral, int parentCVersion)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path)
        .writeBuffer(data)
        .writeRecords(acl)
        .writeBool(ephemeral)
        .writeInt(parentCVersion);
  }

  public static CreateTxn readFrom(JuteInput in) {
    return new CreateTxn(
        in.readString(),
        in.readBuffer(),
        in.readVector(ACL::readFrom),
        in.readBool(),
        in.readInt());
  }
}

package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** org.apache.zookeeper.txn.CreateContainerTxn: the txn of createContainer (19). */
public record CreateContainerTxn(String path, byte[] data, List<ACL> acl, int parentCVersion)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBuffer(data).writeRecords(acl).writeInt(parentCVersion);
  }

  public static CreateContainerTxn readFrom(JuteInput in) {
    return new CreateContainerTxn(
        in.readString(), in.readBuffer(), in.readVector(ACL::readFrom), in.readInt());
  }
}

package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** org.apache.zookeeper.txn.CreateTTLTxn: the txn of createTtl (21). */
public record CreateTTLTxn(String path, byte[] data, List<ACL> acl, int parentCVersion, long ttl)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path)
        .writeBuffer(data)
        .writeRecords(acl)
        .writeInt(parentCVersion)
        .writeLong(ttl);
  }

  public static CreateTTLTxn readFrom(JuteInput in) {
    return new CreateTTLTxn(
        in.readString(),
        in.readBuffer(),
        in.readVector(ACL::readFrom),
        in.readInt(),
        in.readLong());
  }
}

package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.txn.TxnDigest: the data tree digest logged after a txn. */
public record TxnDigest(int version, long treeDigest) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(version).writeLong(treeDigest);
  }

  public static TxnDigest readFrom(JuteInput in) {
    return new TxnDigest(in.readInt(), in.readLong());
  }
}

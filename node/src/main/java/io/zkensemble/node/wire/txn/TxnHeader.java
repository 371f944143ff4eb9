package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.txn.TxnHeader: precedes every txn in the log and in proposals. */
public record TxnHeader(long clientId, int cxid, long zxid, long time, int type)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeLong(clientId).writeInt(cxid).writeLong(zxid).writeLong(time).writeInt(type);
  }

  public static TxnHeader readFrom(JuteInput in) {
    return new TxnHeader(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readInt());
  }
}

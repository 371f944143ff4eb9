package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.txn.ErrorTxn: the txn of a request that failed (-1). */
public record ErrorTxn(int err) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(err);
  }

  public static ErrorTxn readFrom(JuteInput in) {
    return new ErrorTxn(in.readInt());
  }
}

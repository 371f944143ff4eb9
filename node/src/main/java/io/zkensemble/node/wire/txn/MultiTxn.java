package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import java.util.List;

/** org.apache.zookeeper.txn.MultiTxn: the txn of multi (14). */
public record MultiTxn(List<Txn> txns) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeRecords(txns);
  }

  public static MultiTxn readFrom(JuteInput in) {
    return new MultiTxn(in.readVector(Txn::readFrom));
  }
}

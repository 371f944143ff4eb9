package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.txn.DeleteTxn: the txn of delete (2) and deleteContainer (20). */
public record DeleteTxn(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path);
  }

  public static DeleteTxn readFrom(JuteInput in) {
    return new DeleteTxn(in.readString());
  }
}

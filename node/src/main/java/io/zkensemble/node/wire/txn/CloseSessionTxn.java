package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import java.util.List;

/**
 * org.apache.zookeeper.txn.CloseSessionTxn: the txn of closeSession (-11): the session's ephemerals
 * to delete.
 */
public record CloseSessionTxn(List<String> paths2Delete) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeStrings(paths2Delete);
  }

  public static CloseSessionTxn readFrom(JuteInput in) {
    return new CloseSessionTxn(in.readStrings());
  }
}

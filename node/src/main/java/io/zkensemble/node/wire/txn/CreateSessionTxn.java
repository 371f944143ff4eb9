package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.txn.CreateSessionTxn: the txn of createSession (-10). */
public record CreateSessionTxn(int timeOut) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(timeOut);
  }

  public static CreateSessionTxn readFrom(JuteInput in) {
    return new CreateSessionTxn(in.readInt());
  }
}

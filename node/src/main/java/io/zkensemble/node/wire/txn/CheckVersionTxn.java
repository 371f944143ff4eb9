package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.txn.CheckVersionTxn: the txn of check (13) inside a multi. */
public record CheckVersionTxn(String path, int version) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(version);
  }

  public static CheckVersionTxn readFrom(JuteInput in) {
    return new CheckVersionTxn(in.readString(), in.readInt());
  }
}

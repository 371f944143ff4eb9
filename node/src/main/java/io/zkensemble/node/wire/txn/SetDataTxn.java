package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.txn.SetDataTxn: the txn of setData (5). */
public record SetDataTxn(String path, byte[] data, int version) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBuffer(data).writeInt(version);
  }

  public static SetDataTxn readFrom(JuteInput in) {
    return new SetDataTxn(in.readString(), in.readBuffer(), in.readInt());
  }
}

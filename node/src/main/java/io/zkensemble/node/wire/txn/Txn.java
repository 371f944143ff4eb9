package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.txn.Txn: one sub-txn of a MultiTxn: its opcode and its serialized txn
 * record.
 */
public record Txn(int type, byte[] data) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(type).writeBuffer(data);
  }

  public static Txn readFrom(JuteInput in) {
    return new Txn(in.readInt(), in.readBuffer());
  }
}

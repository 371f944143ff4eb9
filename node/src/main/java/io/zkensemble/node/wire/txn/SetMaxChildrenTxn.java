package io.zkensemble.node.wire.txn;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.txn.SetMaxChildrenTxn: in the schema, but no Apache 3.9 code path logs it.
 */
public record SetMaxChildrenTxn(String path, int max) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(max);
  }

  public static SetMaxChildrenTxn readFrom(JuteInput in) {
    return new SetMaxChildrenTxn(in.readString(), in.readInt());
  }
}

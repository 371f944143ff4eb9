package io.zkensemble.node.wire.persistence;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.server.persistence.FileHeader: the header of txn log and snapshot files. */
public record FileHeader(int magic, int version, long dbid) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(magic).writeInt(version).writeLong(dbid);
  }

  public static FileHeader readFrom(JuteInput in) {
    return new FileHeader(in.readInt(), in.readInt(), in.readLong());
  }
}

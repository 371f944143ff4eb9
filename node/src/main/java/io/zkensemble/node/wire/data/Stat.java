package io.zkensemble.node.wire.data;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.data.Stat: a znode's metadata as clients see it. */
public record Stat(
    long czxid,
    long mzxid,
    long ctime,
    long mtime,
    int version,
    int cversion,
    int aversion,
    long ephemeralOwner,
    int dataLength,
    int numChildren,
    long pzxid)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeLong(czxid)
        .writeLong(mzxid)
        .writeLong(ctime)
        .writeLong(mtime)
        .writeInt(version)
        .writeInt(cversion)
        .writeInt(aversion)
        .writeLong(ephemeralOwner)
        .writeInt(dataLength)
        .writeInt(numChildren)
        .writeLong(pzxid);
  }

  public static Stat readFrom(JuteInput in) {
    return new Stat(
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readLong(),
        in.readInt(),
        in.readInt(),
        in.readLong());
  }
}

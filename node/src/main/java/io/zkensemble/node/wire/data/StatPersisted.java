package io.zkensemble.node.wire.data;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.data.StatPersisted: a znode's metadata as the data tree and snapshots keep
 * it.
 */
public record StatPersisted(
    long czxid,
    long mzxid,
    long ctime,
    long mtime,
    int version,
    int cversion,
    int aversion,
    long ephemeralOwner,
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
        .writeLong(pzxid);
  }

  public static StatPersisted readFrom(JuteInput in) {
    return new StatPersisted(
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readLong(),
        in.readLong());
  }
}

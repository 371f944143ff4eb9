package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import java.util.List;

/**
 * org.apache.zookeeper.proto.SetWatches2: the body of setWatches2 (105): setWatches plus persistent
 * watches.
 */
public record SetWatches2(
    long relativeZxid,
    List<String> dataWatches,
    List<String> existWatches,
    List<String> childWatches,
    List<String> persistentWatches,
    List<String> persistentRecursiveWatches)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeLong(relativeZxid)
        .writeStrings(dataWatches)
        .writeStrings(existWatches)
        .writeStrings(childWatches)
        .writeStrings(persistentWatches)
        .writeStrings(persistentRecursiveWatches);
  }

  public static SetWatches2 readFrom(JuteInput in) {
    return new SetWatches2(
        in.readLong(),
        in.readStrings(),
        in.readStrings(),
        in.readStrings(),
        in.readStrings(),
        in.readStrings());
  }
}

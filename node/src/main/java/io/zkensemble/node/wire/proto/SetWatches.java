package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import java.util.List;

/**
 * org.apache.zookeeper.proto.SetWatches: the body of setWatches (101): watches a client
 * re-registers after reconnecting.
 */
public record SetWatches(
    long relativeZxid,
    List<String> dataWatches,
    List<String> existWatches,
    List<String> childWatches)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeLong(relativeZxid)
        .writeStrings(dataWatches)
        .writeStrings(existWatches)
        .writeStrings(childWatches);
  }

  public static SetWatches readFrom(JuteInput in) {
    return new SetWatches(in.readLong(), in.readStrings(), in.readStrings(), in.readStrings());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.Stat;

/**
 * org.apache.zookeeper.proto.Create2Response: the response to create2 (15), createContainer (19)
 * and createTtl (21).
 */
public record Create2Response(String path, Stat stat) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeRecord(stat);
  }

  public static Create2Response readFrom(JuteInput in) {
    return new Create2Response(in.readString(), Stat.readFrom(in));
  }
}

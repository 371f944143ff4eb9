package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.Stat;

/** org.apache.zookeeper.proto.ExistsResponse: the response to exists (3). */
public record ExistsResponse(Stat stat) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeRecord(stat);
  }

  public static ExistsResponse readFrom(JuteInput in) {
    return new ExistsResponse(Stat.readFrom(in));
  }
}

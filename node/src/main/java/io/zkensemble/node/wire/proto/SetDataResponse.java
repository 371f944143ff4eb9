package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.Stat;

/** org.apache.zookeeper.proto.SetDataResponse: the response to setData (5). */
public record SetDataResponse(Stat stat) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeRecord(stat);
  }

  public static SetDataResponse readFrom(JuteInput in) {
    return new SetDataResponse(Stat.readFrom(in));
  }
}

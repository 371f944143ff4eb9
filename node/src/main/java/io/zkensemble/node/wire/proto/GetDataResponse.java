package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.Stat;

/** org.apache.zookeeper.proto.GetDataResponse: the response to getData (4). */
public record GetDataResponse(byte[] data, Stat stat) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeBuffer(data).writeRecord(stat);
  }

  public static GetDataResponse readFrom(JuteInput in) {
    return new GetDataResponse(in.readBuffer(), Stat.readFrom(in));
  }
}

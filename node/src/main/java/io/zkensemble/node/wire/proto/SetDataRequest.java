package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.SetDataRequest: the body of setData (5). */
public record SetDataRequest(String path, byte[] data, int version) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBuffer(data).writeInt(version);
  }

  public static SetDataRequest readFrom(JuteInput in) {
    return new SetDataRequest(in.readString(), in.readBuffer(), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.DeleteRequest: the body of delete (2). */
public record DeleteRequest(String path, int version) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeInt(version);
  }

  public static DeleteRequest readFrom(JuteInput in) {
    return new DeleteRequest(in.readString(), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.CreateResponse: the response to create (1). */
public record CreateResponse(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path);
  }

  public static CreateResponse readFrom(JuteInput in) {
    return new CreateResponse(in.readString());
  }
}

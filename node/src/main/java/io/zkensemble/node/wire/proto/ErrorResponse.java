package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.ErrorResponse: the result of a failed operation in a multi response.
 */
public record ErrorResponse(int err) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(err);
  }

  public static ErrorResponse readFrom(JuteInput in) {
    return new ErrorResponse(in.readInt());
  }
}

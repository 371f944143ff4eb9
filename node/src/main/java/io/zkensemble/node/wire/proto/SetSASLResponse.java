package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.SetSASLResponse: the response to sasl (102): the server's SASL token.
 */
public record SetSASLResponse(byte[] token) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeBuffer(token);
  }

  public static SetSASLResponse readFrom(JuteInput in) {
    return new SetSASLResponse(in.readBuffer());
  }
}

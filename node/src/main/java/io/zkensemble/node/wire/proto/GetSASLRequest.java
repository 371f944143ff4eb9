package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.GetSASLRequest: the body of sasl (102): the client's SASL token. */
public record GetSASLRequest(byte[] token) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeBuffer(token);
  }

  public static GetSASLRequest readFrom(JuteInput in) {
    return new GetSASLRequest(in.readBuffer());
  }
}

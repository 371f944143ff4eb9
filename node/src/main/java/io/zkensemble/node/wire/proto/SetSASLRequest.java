package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.proto.SetSASLRequest: a SASL token; in the schema, but no Apache 3.9 code
 * path sends it.
 */
public record SetSASLRequest(byte[] token) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeBuffer(token);
  }

  public static SetSASLRequest readFrom(JuteInput in) {
    return new SetSASLRequest(in.readBuffer());
  }
}

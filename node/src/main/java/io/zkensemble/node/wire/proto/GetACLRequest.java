package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.proto.GetACLRequest: the body of getACL (6). */
public record GetACLRequest(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path);
  }

  public static GetACLRequest readFrom(JuteInput in) {
    return new GetACLRequest(in.readString());
  }
}

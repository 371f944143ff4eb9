package io.zkensemble.node.wire.data;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.data.Id: an identity within an authentication scheme. */
public record Id(String scheme, String id) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(scheme).writeString(id);
  }

  public static Id readFrom(JuteInput in) {
    return new Id(in.readString(), in.readString());
  }
}

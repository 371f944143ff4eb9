package io.zkensemble.node.wire.data;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.data.ClientInfo: one identity of the caller, as whoAmI (107) reports it. */
public record ClientInfo(String authScheme, String user) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(authScheme).writeString(user);
  }

  public static ClientInfo readFrom(JuteInput in) {
    return new ClientInfo(in.readString(), in.readString());
  }
}

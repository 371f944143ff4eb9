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

  /**
   * Apache's generated Id.hashCode, so that a hash set of ids iterates in Apache's order (whoAmI
   * lists a connection's ids in the order of Apache's ServerCnxn.authInfo set).
   */
  @Override
  public int hashCode() {
    return 37 * (37 * 17 + scheme.hashCode()) + id.hashCode();
  }
}

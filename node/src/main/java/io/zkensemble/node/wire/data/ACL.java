package io.zkensemble.node.wire.data;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.data.ACL: permission bits granted to an {@link Id}. */
public record ACL(int perms, Id id) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(perms).writeRecord(id);
  }

  public static ACL readFrom(JuteInput in) {
    return new ACL(in.readInt(), Id.readFrom(in));
  }
}

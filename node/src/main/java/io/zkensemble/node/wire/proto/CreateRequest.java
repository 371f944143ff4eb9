package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/**
 * org.apache.zookeeper.proto.CreateRequest: the body of create (1), create2 (15), container (19).
 */
public record CreateRequest(String path, byte[] data, List<ACL> acl, int flags)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBuffer(data).writeRecords(acl).writeInt(flags);
  }

  public static CreateRequest readFrom(JuteInput in) {
    return new CreateRequest(
        in.readString(), in.readBuffer(), in.readVector(ACL::readFrom), in.readInt());
  }
}

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** org.apache.zookeeper.proto.CreateTTLRequest: the body of createTtl (21). */
public record CreateTTLRequest(String path, byte[] data, List<ACL> acl, int flags, long ttl)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeString(path).writeBuffer(data).writeRecords(acl).writeInt(flags).writeLong(ttl);
  }

  public static CreateTTLRequest readFrom(JuteInput in) {
    return new CreateTTLRequest(
        in.readString(),
        in.readBuffer(),
        in.readVector(ACL::readFrom),
        in.readInt(),
        in.readLong());
  }
}

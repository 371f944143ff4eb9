package io.zkensemble.node.wire.quorum;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.Id;
import java.util.List;

/**
 * org.apache.zookeeper.server.quorum.QuorumPacket: the frame of every message between leader and
 * learners.
 */
public record QuorumPacket(int type, long zxid, byte[] data, List<Id> authinfo)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeInt(type).writeLong(zxid).writeBuffer(data).writeRecords(authinfo);
  }

  public static QuorumPacket readFrom(JuteInput in) {
    return new QuorumPacket(
        in.readInt(), in.readLong(), in.readBuffer(), in.readVector(Id::readFrom));
  }
}

package io.zkensemble.node.wire.quorum;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/** org.apache.zookeeper.server.quorum.QuorumAuthPacket: a message of quorum SASL authentication. */
public record QuorumAuthPacket(long magic, int status, byte[] token) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeLong(magic).writeInt(status).writeBuffer(token);
  }

  public static QuorumAuthPacket readFrom(JuteInput in) {
    return new QuorumAuthPacket(in.readLong(), in.readInt(), in.readBuffer());
  }
}

package io.zkensemble.node.wire.quorum;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;

/**
 * org.apache.zookeeper.server.quorum.LearnerInfo: what a learner tells the leader in FOLLOWERINFO
 * and OBSERVERINFO.
 */
public record LearnerInfo(long serverid, int protocolVersion, long configVersion)
    implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeLong(serverid).writeInt(protocolVersion).writeLong(configVersion);
  }

  public static LearnerInfo readFrom(JuteInput in) {
    return new LearnerInfo(in.readLong(), in.readInt(), in.readLong());
  }
}

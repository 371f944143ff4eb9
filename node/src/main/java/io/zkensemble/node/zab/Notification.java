package io.zkensemble.node.zab;

/**
 * An election message, with the fields of Apache's FastLeaderElection notification: the sender's
 * state, the leader it proposes (or follows), that leader's last zxid and epoch, the sender's
 * election round ({@code electionEpoch}, Apache's logicalclock), the message format version and the
 * sender's quorum configuration (as text, Apache's QuorumVerifier.toString()).
 */
public record Notification(
    PeerState state,
    long leader,
    long zxid,
    long electionEpoch,
    long peerEpoch,
    int version,
    String config) {

  /** The format version Apache 3.9 sends (with the configuration). */
  public static final int VERSION = 0x2;

  public Vote vote() {
    return new Vote(leader, zxid, electionEpoch, peerEpoch, state);
  }
}

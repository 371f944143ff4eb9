package io.zkensemble.node.zab;

import java.util.ArrayDeque;

/** The leader's side of one learner's connection, as Apache's LearnerHandler. */
final class LearnerLink {
  enum Phase {
    /** Waiting for FOLLOWERINFO or OBSERVERINFO. */
    AWAIT_INFO,
    /** Told its accepted epoch; waiting for a quorum to agree on the new one. */
    AWAIT_EPOCH,
    /** Sent LEADERINFO; waiting for ACKEPOCH. */
    AWAIT_ACKEPOCH,
    /** Acknowledged the epoch; waiting for a quorum to do the same before its sync. */
    AWAIT_SYNC,
    /** Sent its sync and NEWLEADER; waiting for the ACK of NEWLEADER. */
    AWAIT_NEWLEADER_ACK,
    /** Acknowledged NEWLEADER; waiting for the leader to be established. */
    AWAIT_STARTUP,
    /** Sent UPTODATE. */
    BROADCAST
  }

  final long conn;
  long sid = -1;
  boolean observer;
  long acceptedEpoch;
  long lastLoggedZxid;
  Phase phase = Phase.AWAIT_INFO;
  long lastHeard;

  /** Receives proposals and commits (or informs) as they happen. */
  boolean forwarding;

  /** Proposals sent and not acknowledged yet, with the tick they went out: {zxid, tick}. */
  final ArrayDeque<long[]> unacked = new ArrayDeque<>();

  LearnerLink(long conn, long now) {
    this.conn = conn;
    this.lastHeard = now;
  }

  /** A follower, voting or not: which configurations it counts in is for their quorums to say. */
  boolean isFollower() {
    return sid >= 0 && !observer;
  }

  /** Whether the leader has sent its sync (so pings make sense to the learner). */
  boolean synced() {
    return phase.compareTo(Phase.AWAIT_NEWLEADER_ACK) >= 0;
  }

  void acked(long zxid) {
    while (!unacked.isEmpty() && unacked.peekFirst()[0] <= zxid) {
      unacked.removeFirst();
    }
  }
}

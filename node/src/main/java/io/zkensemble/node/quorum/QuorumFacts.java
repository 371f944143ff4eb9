package io.zkensemble.node.quorum;

import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.zab.PeerState;
import java.util.Map;

/**
 * This server's place in its ensemble at one instant, for the admin commands and metrics.
 *
 * @param leader the leader's id, -1 while looking
 * @param serving the core says this server is an established leader or a learner up to date
 * @param learners leader: followers and observers connected (Apache's learners)
 * @param syncedFollowers leader: followers synced
 * @param syncedObservers leader: observers synced
 * @param servingSinceNanos when the server last started serving (System.nanoTime), or -1
 * @param lastProposalSize leader: bytes of the last proposal, -1 before the first (Apache's)
 * @param quorumAckLatency leader: milliseconds from proposing a transaction to its commit by a
 *     quorum's acknowledgements (Apache's quorum_ack_latency)
 * @param followerLag leader: each synced follower's proposals not yet acknowledged, by its id
 */
public record QuorumFacts(
    long myId,
    PeerState state,
    long leader,
    boolean serving,
    boolean observer,
    long epoch,
    long lastLoggedZxid,
    int voters,
    int learners,
    int syncedFollowers,
    int syncedObservers,
    long servingSinceNanos,
    long lastProposalSize,
    long minProposalSize,
    long maxProposalSize,
    Summary.Snapshot quorumAckLatency,
    Map<Long, Integer> followerLag) {

  /** Apache's peer_state: the role and "broadcast" once serving, else the sync phase. */
  public String peerState() {
    String role =
        switch (state) {
          case LEADING -> "leading";
          case FOLLOWING -> "following";
          case OBSERVING -> "observing";
          case LOOKING -> "looking";
        };
    return role
        + " - "
        + (serving ? "broadcast" : state == PeerState.LOOKING ? "election" : "synchronization");
  }
}

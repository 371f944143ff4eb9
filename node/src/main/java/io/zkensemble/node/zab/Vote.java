package io.zkensemble.node.zab;

/**
 * A vote in fast leader election: for {@code leader}, whose history ends at {@code zxid} in {@code
 * peerEpoch}, cast in round {@code electionEpoch} by a server in {@code state}.
 */
public record Vote(long leader, long zxid, long electionEpoch, long peerEpoch, PeerState state) {

  /**
   * Apache's totalOrderPredicate: a vote for (leader, zxid, peerEpoch) beats the current one if its
   * epoch is higher, or the epoch is equal and the zxid higher, or both are equal and the server id
   * higher. A total order, so that every server settles on the same leader (ZOOKEEPER-1419).
   */
  public static boolean beats(
      long leader,
      long zxid,
      long peerEpoch,
      long currentLeader,
      long currentZxid,
      long currentEpoch) {
    if (peerEpoch != currentEpoch) {
      return peerEpoch > currentEpoch;
    }
    if (zxid != currentZxid) {
      return zxid > currentZxid;
    }
    return leader > currentLeader;
  }

  /**
   * Whether two votes count as the same in a tally, as Apache's Vote.equals: while either is cast
   * LOOKING, leader, zxid, round and epoch must all agree; between servers already out of the
   * election only leader and epoch are compared, since zxid and round may have moved on
   * (ZOOKEEPER-1805).
   */
  public boolean sameAs(Vote other) {
    if (state == PeerState.LOOKING || other.state == PeerState.LOOKING) {
      return leader == other.leader
          && zxid == other.zxid
          && electionEpoch == other.electionEpoch
          && peerEpoch == other.peerEpoch;
    }
    return leader == other.leader && peerEpoch == other.peerEpoch;
  }
}

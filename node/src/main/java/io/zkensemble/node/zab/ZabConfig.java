package io.zkensemble.node.zab;

/**
 * One server's identity, its initial configuration and its timing, all in ticks. The adapter turns
 * Apache's settings into ticks; for example with one tick per tickTime/10: initLimit 10 gives 100
 * ticks, Apache's finalizeWait of 200 ms one tick.
 *
 * @param myId this server's id (myid)
 * @param membership the configuration this server starts with (a reconfig changes it later)
 * @param initLimit ticks a leader waits for a quorum to connect, agree on the epoch and sync, and a
 *     learner for its leader during discovery and sync
 * @param syncLimit ticks of silence after which leader and learner give up on each other
 * @param pingInterval ticks between the leader's pings (Apache: half a tickTime)
 * @param connectRetryInterval ticks a learner waits before it tries its leader's quorum port again
 *     (Apache's leaderConnectDelayDuringRetryMs, 100 ms)
 * @param finalizeWait ticks an election waits, once a quorum agrees, for a better vote
 * @param minNotificationInterval ticks without notifications before resending them
 * @param maxNotificationInterval the cap of that interval as it doubles
 * @param historyLimit committed transactions kept in memory to sync learners with DIFF (Apache's
 *     commitLogCount, 500)
 * @param maxOutstandingProposals proposals the leader keeps uncommitted at most
 */
public record ZabConfig(
    long myId,
    Membership membership,
    int initLimit,
    int syncLimit,
    int pingInterval,
    int connectRetryInterval,
    int finalizeWait,
    int minNotificationInterval,
    int maxNotificationInterval,
    int historyLimit,
    int maxOutstandingProposals) {

  public ZabConfig {
    if (!membership.isMember(myId)) {
      throw new IllegalArgumentException("myId " + myId + " is not in the configuration");
    }
    if (initLimit < 1
        || syncLimit < 1
        || pingInterval < 1
        || connectRetryInterval < 1
        || finalizeWait < 0
        || minNotificationInterval < 1
        || maxNotificationInterval < minNotificationInterval
        || historyLimit < 1
        || maxOutstandingProposals < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}

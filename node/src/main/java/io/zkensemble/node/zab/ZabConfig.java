package io.zkensemble.node.zab;

import java.util.List;

/**
 * One server's view of the ensemble and its timing, all in ticks. The adapter turns Apache's
 * settings into ticks; for example with one tick per tickTime/10: initLimit 10 gives 100 ticks,
 * Apache's finalizeWait of 200 ms one tick.
 *
 * @param myId this server's id (myid)
 * @param voters the ids of the voting members, ascending
 * @param observers the ids of the observers, ascending
 * @param config the configuration as text, carried in notifications and NEWLEADER
 * @param configVersion the configuration's version (0 for a static zoo.cfg)
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
    List<Long> voters,
    List<Long> observers,
    String config,
    long configVersion,
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
    voters = List.copyOf(voters);
    observers = List.copyOf(observers);
    if (!isAscending(voters) || !isAscending(observers)) {
      throw new IllegalArgumentException("server ids must be ascending");
    }
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("no voting member");
    }
    if (voters.stream().anyMatch(observers::contains)) {
      throw new IllegalArgumentException("a server is both voter and observer");
    }
    if (!voters.contains(myId) && !observers.contains(myId)) {
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

  private static boolean isAscending(List<Long> ids) {
    for (int i = 1; i < ids.size(); i++) {
      if (ids.get(i - 1) >= ids.get(i)) {
        return false;
      }
    }
    return true;
  }

  public boolean isVoter(long sid) {
    return voters.contains(sid);
  }

  public boolean isObserver(long sid) {
    return observers.contains(sid);
  }

  /** Every server, voters first. */
  public List<Long> servers() {
    return java.util.stream.Stream.concat(voters.stream(), observers.stream()).toList();
  }

  /** Whether {@code acks} holds more than half of the voters (Apache's QuorumMaj). */
  public boolean isQuorum(java.util.Collection<Long> acks) {
    long voting = acks.stream().filter(this::isVoter).distinct().count();
    return voting > voters.size() / 2;
  }
}

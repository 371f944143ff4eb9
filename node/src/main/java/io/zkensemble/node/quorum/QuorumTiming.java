package io.zkensemble.node.quorum;

import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.zab.Membership;
import io.zkensemble.node.zab.ZabConfig;

/**
 * Apache's quorum timing in the core's ticks. The core ticks every {@link #tickMillis} (a tenth of
 * tickTime, at most 50 ms) so that its timeouts are as fine as Apache's millisecond waits; each
 * Apache duration becomes the ticks that cover it.
 */
public final class QuorumTiming {
  /** Apache's FastLeaderElection.finalizeWait, also its minNotificationInterval. */
  static final int FINALIZE_WAIT_MILLIS = 200;

  /** Apache's FastLeaderElection.maxNotificationInterval. */
  static final int MAX_NOTIFICATION_INTERVAL_MILLIS = 60_000;

  /** Apache's Learner leaderConnectDelayDuringRetryMs default. */
  static final int LEADER_CONNECT_RETRY_MILLIS = 100;

  /** Apache's ZKDatabase commitLogCount: committed proposals kept to sync learners with DIFF. */
  static final int COMMIT_LOG_COUNT = 500;

  /** Apache's globalOutstandingLimit default. */
  static final int MAX_OUTSTANDING_PROPOSALS = 1000;

  private QuorumTiming() {}

  public static long tickMillis(NodeConfig config) {
    return Math.max(1, Math.min(50, config.tickTime() / 10));
  }

  public static ZabConfig zabConfig(NodeConfig config) {
    QuorumConfig quorum = config.quorum();
    long tick = tickMillis(config);
    return new ZabConfig(
        quorum.myId(),
        new Membership(quorum.voters(), quorum.observers(), quorum.toApacheString(), 0),
        ticks((long) config.initLimit() * config.tickTime(), tick),
        ticks((long) config.syncLimit() * config.tickTime(), tick),
        // Apache's leader pings every tickTime / 2.
        ticks(config.tickTime() / 2, tick),
        ticks(LEADER_CONNECT_RETRY_MILLIS, tick),
        ticks(FINALIZE_WAIT_MILLIS, tick),
        ticks(FINALIZE_WAIT_MILLIS, tick),
        ticks(MAX_NOTIFICATION_INTERVAL_MILLIS, tick),
        COMMIT_LOG_COUNT,
        MAX_OUTSTANDING_PROPOSALS);
  }

  private static int ticks(long millis, long tick) {
    return (int) Math.max(1, (millis + tick - 1) / tick);
  }
}

package io.zkensemble.node.zab;

/**
 * Everything that can happen to a server's consensus core; {@link Peer#step} takes one at a time.
 */
public sealed interface Input {

  /** Time passes: one tick. Every timeout in {@link ZabConfig} is a number of ticks. */
  record Tick() implements Input {}

  /** An election notification from server {@code from} (possibly an observer). */
  record NotificationReceived(long from, Notification notification) implements Input {}

  /**
   * A quorum connection with {@code peer} is open: the one this server asked for with {@link
   * Effect.Connect}, or one a learner opened to this server. {@code conn} names it from now on.
   */
  record Connected(long peer, long conn) implements Input {}

  /** Connection {@code conn} with {@code peer} is gone; nothing more arrives on it. */
  record Disconnected(long peer, long conn) implements Input {}

  /** A connection this server asked for could not be opened. */
  record ConnectFailed(long peer) implements Input {}

  /** A message on connection {@code conn}, in the order {@code peer} sent it. */
  record Received(long peer, long conn, Message message) implements Input {}

  /**
   * Every storage operation ({@link Effect.Append}, {@link Effect.Truncate}, {@link
   * Effect.InstallSnapshot}) up to number {@code seq} is durable.
   */
  record Persisted(long seq) implements Input {}

  /**
   * Leader only, once it serves ({@link Peer#canPropose()}): replicate this transaction as the next
   * zxid, which {@link Peer#nextZxid()} gave.
   */
  record Propose(Entry entry) implements Input {}

  /** Learner only: send a client request to the leader (REQUEST). */
  record Forward(byte[] request) implements Input {}

  /**
   * Leader only: answer SYNC to {@code learner} once everything proposed so far is committed (a
   * client's sync that the learner forwarded).
   */
  record SyncLearner(long learner) implements Input {}

  /**
   * Leader: the next reconfig committed designates {@code to} (a synced voter) to lead instead of
   * this server, which steps down: a transfer of leadership is a reconfig to the same members.
   */
  record TransferLeadership(long to) implements Input {}
}

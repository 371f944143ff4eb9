package io.zkensemble.node.zab;

/**
 * What the core asks of the world, in the order it must happen. Storage operations are numbered:
 * the adapter runs them in order, in the background, and reports with {@link Input.Persisted} once
 * they are durable; the epoch files are written and forced before the next effect runs.
 */
public sealed interface Effect {

  /** Send an election notification to server {@code to}. */
  record SendNotification(long to, Notification notification) implements Effect {}

  /** Open a quorum connection to {@code peer} (a learner to its leader). */
  record Connect(long peer) implements Effect {}

  /** Close connection {@code conn}; {@code reason} says why, for the log. */
  record Disconnect(long peer, long conn, String reason) implements Effect {}

  /** Send a message on connection {@code conn}. */
  record Send(long peer, long conn, Message message) implements Effect {}

  /**
   * Send SNAP on connection {@code conn}: the adapter serializes its state, which at this point
   * reflects exactly the transactions up to {@code zxid}.
   */
  record SendSnapshot(long peer, long conn, long zxid) implements Effect {}

  /**
   * A new configuration is in force (a reconfig committed): write it where a restart finds it (the
   * dynamic config file) and reach its servers from now on.
   */
  record ActivateConfig(Membership membership) implements Effect {}

  /** Storage operation {@code seq}: append {@code entry} to the log. */
  record Append(long seq, Entry entry) implements Effect {}

  /**
   * Storage operation {@code seq}: drop every logged transaction after {@code zxid}, and bring the
   * state back to {@code zxid} (Apache's ZKDatabase.truncateLog).
   */
  record Truncate(long seq, long zxid) implements Effect {}

  /**
   * Storage operation {@code seq}: replace the state with the leader's snapshot at {@code zxid},
   * write it as a snapshot, and drop logged transactions after {@code zxid}.
   */
  record InstallSnapshot(long seq, long zxid, byte[] snapshot) implements Effect {}

  /** Write and force acceptedEpoch before the next effect. */
  record PersistAcceptedEpoch(long epoch) implements Effect {}

  /** Write and force currentEpoch before the next effect. */
  record PersistCurrentEpoch(long epoch) implements Effect {}

  /** Apply a committed transaction to the state; deliveries come in zxid order, each once. */
  record Deliver(Entry entry) implements Effect {}

  /**
   * Apply a logged transaction not yet known to be committed: a new leader brings its state up to
   * the end of its log, whose transactions it is about to commit (Apache's leader loads its whole
   * log, as start-up replay does). The server does not serve while these are applied.
   */
  record Replay(Entry entry) implements Effect {}

  /**
   * The role changed. {@code leader} is the server followed or led (-1 while looking); {@code
   * epoch} the epoch being established or served; {@code reason} says why, for the log.
   */
  record RoleChanged(PeerState state, long leader, long epoch, String reason) implements Effect {}

  /**
   * The server serves clients from now on: as leader once a quorum acknowledged NEWLEADER, as a
   * learner once UPTODATE arrived. Its state reflects everything committed up to {@code zxid}.
   */
  record Serving(long epoch, long zxid) implements Effect {}

  /** A learner answered a ping with its sessions' touches; the leader's adapter renews them. */
  record LearnerPing(long learner, byte[] data) implements Effect {}

  /** A learner forwarded a client request (REQUEST); the leader's adapter prepares it. */
  record LearnerRequest(long learner, byte[] request) implements Effect {}

  /** SYNC arrived from the leader: the oldest forwarded sync is complete. */
  record SyncDone() implements Effect {}
}

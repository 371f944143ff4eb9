package io.zkensemble.node.zab;

/**
 * What every role of a server shares: its configuration, its log, its epochs, the clock and the
 * effects of the current step.
 */
final class Self {
  final ZabConfig config;
  final History history;
  final Outbox out = new Outbox();
  private Membership membership;
  private long acceptedEpoch;
  private long currentEpoch;
  private long now;
  private boolean needsSnapshot;

  Self(ZabConfig config, DurableState durable) {
    this.config = config;
    this.membership = config.membership();
    this.history = new History(durable, config.historyLimit());
    this.acceptedEpoch = durable.acceptedEpoch();
    this.currentEpoch = durable.currentEpoch();
  }

  /**
   * Whether this server's log can no longer serve as the basis of a sync: a leader asked to
   * truncate it below its snapshot. It then reports no last zxid (-1) to leaders until a SNAP
   * replaced its state, so that they send one.
   */
  boolean needsSnapshot() {
    return needsSnapshot;
  }

  void needsSnapshot(boolean needs) {
    needsSnapshot = needs;
  }

  long myId() {
    return config.myId();
  }

  /** The configuration in force: the last one activated. */
  Membership membership() {
    return membership;
  }

  /** Puts {@code next} in force, and has the adapter do so. */
  void activate(Membership next) {
    check(
        next.version() > membership.version(),
        "configuration "
            + Long.toHexString(next.version())
            + " is not after "
            + Long.toHexString(membership.version()));
    membership = next;
    out.add(new Effect.ActivateConfig(next));
  }

  boolean isVoter() {
    return membership.isVoter(config.myId());
  }

  /**
   * Whether this server learns as an observer: its role in the configuration in force, or, when
   * that leaves it out (joining, or removed), the role it started with (Apache's learnerType).
   */
  boolean isObserver() {
    long me = config.myId();
    return membership.isMember(me) ? membership.isObserver(me) : config.membership().isObserver(me);
  }

  long now() {
    return now;
  }

  void tick() {
    now++;
  }

  long acceptedEpoch() {
    return acceptedEpoch;
  }

  long currentEpoch() {
    return currentEpoch;
  }

  /** Epochs only move forward, and are on disk before anything is said that relies on them. */
  void acceptEpoch(long epoch) {
    check(epoch >= acceptedEpoch, "acceptedEpoch " + acceptedEpoch + " would go back to " + epoch);
    if (epoch > acceptedEpoch) {
      acceptedEpoch = epoch;
      out.add(new Effect.PersistAcceptedEpoch(epoch));
    }
  }

  void makeEpochCurrent(long epoch) {
    check(epoch >= currentEpoch, "currentEpoch " + currentEpoch + " would go back to " + epoch);
    check(
        epoch <= acceptedEpoch, "currentEpoch " + epoch + " beyond acceptedEpoch " + acceptedEpoch);
    if (epoch > currentEpoch) {
      currentEpoch = epoch;
      out.add(new Effect.PersistCurrentEpoch(epoch));
    }
  }

  void send(long peer, long conn, Message message) {
    out.add(new Effect.Send(peer, conn, message));
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}

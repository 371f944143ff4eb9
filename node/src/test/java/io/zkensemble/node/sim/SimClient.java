package io.zkensemble.node.sim;

/** A client with at most one request outstanding, which it gives up on after a timeout. */
final class SimClient {
  /** Time units a client waits for its write before giving up (its outcome then unknown). */
  private static final long TIMEOUT = 400;

  private final int id;
  private long nextRequest = 1;
  private KvState.Write pending;
  private long deadline;
  private long ackedBeforeInvoke;
  private long lastSeen;
  private long ackedZxid;

  SimClient(int id) {
    this.id = id;
  }

  KvState.Write nextWrite(int key, long value) {
    return new KvState.Write(id, nextRequest++, key, value);
  }

  void invoked(KvState.Write write, long server, long now, long ackedBeforeInvoke) {
    this.pending = write;
    this.deadline = now + TIMEOUT;
    this.ackedBeforeInvoke = ackedBeforeInvoke;
  }

  boolean idle() {
    return pending == null;
  }

  boolean expired(long now) {
    return pending != null && now > deadline;
  }

  void giveUp() {
    pending = null;
  }

  boolean completes(KvState.Write write) {
    return write.equals(pending);
  }

  long ackedBeforeInvoke() {
    return ackedBeforeInvoke;
  }

  void acked(long zxid) {
    pending = null;
    ackedZxid = zxid;
    saw(zxid);
  }

  long ackedZxid() {
    return ackedZxid;
  }

  long lastSeen() {
    return lastSeen;
  }

  void saw(long zxid) {
    lastSeen = Math.max(lastSeen, zxid);
  }
}

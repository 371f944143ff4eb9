package io.zkensemble.node.session;

/** A client session as the tracker sees it: its id, negotiated timeout and expiry bucket. */
public final class Session {
  private final long id;
  private int timeout;
  private long expiresAt;
  private boolean closing;
  private long owner = NO_OWNER;

  /** No server has claimed the session yet. */
  public static final long NO_OWNER = -1;

  Session(long id, int timeout) {
    this.id = id;
    this.timeout = timeout;
  }

  public long id() {
    return id;
  }

  public int timeout() {
    return timeout;
  }

  public boolean isClosing() {
    return closing;
  }

  long expiresAt() {
    return expiresAt;
  }

  void expiresAt(long time) {
    expiresAt = time;
  }

  void timeout(int timeout) {
    this.timeout = timeout;
  }

  /** The server whose clients' requests for this session the leader accepts (Apache's owner). */
  public long owner() {
    return owner;
  }

  void owner(long server) {
    owner = server;
  }

  void closing() {
    closing = true;
  }
}

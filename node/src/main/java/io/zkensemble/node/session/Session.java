package io.zkensemble.node.session;

/** A client session as the tracker sees it: its id, negotiated timeout and expiry bucket. */
public final class Session {
  private final long id;
  private int timeout;
  private long expiresAt;
  private boolean closing;

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

  void closing() {
    closing = true;
  }
}

package io.zkensemble.node.wire;

/** Request ids the Apache client reserves for its own packets (ClientCnxn). */
public final class Xid {
  public static final int NOTIFICATION = -1;
  public static final int PING = -2;
  public static final int AUTH = -4;
  public static final int SET_WATCHES = -8;

  private Xid() {}
}

package io.zkensemble.node;

/** The versions a node reports: the Apache ZooKeeper release it is compatible with, and its own. */
public final class Version {
  /** The Apache ZooKeeper release whose protocols and formats this node speaks. */
  public static final String APACHE_COMPATIBLE = "3.9.5";

  public static final String ZKENSEMBLE = "0.1.0-SNAPSHOT";

  /** As srvr prints it; scripts that parse Apache's "3.9.5-<revision>, built on" keep working. */
  public static final String FULL = APACHE_COMPATIBLE + "-zkensemble-" + ZKENSEMBLE;

  private Version() {}
}

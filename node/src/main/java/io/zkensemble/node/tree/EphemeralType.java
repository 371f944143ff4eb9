package io.zkensemble.node.tree;

/**
 * What a znode's ephemeralOwner field encodes (Apache's server/EphemeralType): 0 for a persistent
 * node, a session id for an ephemeral, {@link #CONTAINER_OWNER} for a container node.
 */
public final class EphemeralType {
  /** Apache's EphemeralType.CONTAINER_EPHEMERAL_OWNER. */
  public static final long CONTAINER_OWNER = Long.MIN_VALUE;

  private EphemeralType() {}

  /** True when {@code owner} is a session that owns an ephemeral node. */
  public static boolean isSession(long owner) {
    return owner != 0 && owner != CONTAINER_OWNER;
  }
}

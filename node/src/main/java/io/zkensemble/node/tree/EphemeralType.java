package io.zkensemble.node.tree;

/**
 * What a znode's ephemeralOwner field encodes (Apache's server/EphemeralType): 0 for a persistent
 * node, a session id for an ephemeral, {@link #CONTAINER_OWNER} for a container node, and, when
 * extended types are enabled (extendedTypesEnabled), a TTL node's time to live behind a high byte
 * of 0xff (which is why server ids must then stay below 255).
 */
public final class EphemeralType {
  /** Apache's EphemeralType.CONTAINER_EPHEMERAL_OWNER. */
  public static final long CONTAINER_OWNER = Long.MIN_VALUE;

  /** Apache's EXTENDED_MASK: a high byte of 0xff marks an extended type. */
  private static final long EXTENDED_MASK = 0xff00000000000000L;

  /** Apache's RESERVED_BITS_MASK: the extended type (0 is TTL) sits in these bits. */
  private static final long RESERVED_BITS_MASK = 0x00ffff0000000000L;

  /** The largest TTL in milliseconds (Apache's EXTENDED_FEATURE_VALUE_MASK, about 34 years). */
  public static final long MAX_TTL = ~(EXTENDED_MASK | RESERVED_BITS_MASK);

  private final boolean extended;

  public EphemeralType(boolean extendedTypesEnabled) {
    this.extended = extendedTypesEnabled;
  }

  public boolean extendedTypesEnabled() {
    return extended;
  }

  /** True when {@code owner} is a session that owns an ephemeral node (Apache's NORMAL). */
  public boolean isSession(long owner) {
    return owner != 0 && owner != CONTAINER_OWNER && !isTtl(owner);
  }

  public boolean isContainer(long owner) {
    return owner == CONTAINER_OWNER;
  }

  public boolean isTtl(long owner) {
    return extended
        && (owner & EXTENDED_MASK) == EXTENDED_MASK
        && (owner & RESERVED_BITS_MASK) == 0;
  }

  /** The time to live of a TTL node's owner field, in milliseconds. */
  public static long ttl(long owner) {
    return owner & MAX_TTL;
  }

  /** The owner field of a TTL node; the ttl must be in 1..{@link #MAX_TTL}. */
  public static long ttlOwner(long ttl) {
    if (ttl <= 0 || ttl > MAX_TTL) {
      throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL);
    }
    return EXTENDED_MASK | ttl;
  }
}

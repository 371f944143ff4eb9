package io.zkensemble.node.config;

/**
 * Behaviour switches Apache ZooKeeper reads from Java system properties; here each is read from
 * zoo.cfg first and from Apache's system property second, so existing start scripts keep working.
 *
 * @param extendedTypesEnabled TTL nodes allowed (zookeeper.extendedTypesEnabled)
 * @param skipAcl no ACL checks at all (zookeeper.skipACL=yes)
 * @param enforceQuota hard quota limits refuse writes (zookeeper.enforceQuota)
 * @param digestAuthEnabled the digest scheme is offered
 *     (zookeeper.DigestAuthenticationProvider.enabled)
 * @param superDigest a digest (user:base64(sha1)) whose owner may do anything, or null
 *     (zookeeper.DigestAuthenticationProvider.superDigest)
 * @param containerCheckIntervalMs how often empty containers and expired TTL nodes are looked for
 *     (znode.container.checkIntervalMs)
 * @param containerMaxPerMinute at most this many of them are deleted per minute
 *     (znode.container.maxPerMinute)
 * @param containerMaxNeverUsedIntervalMs a container that never had a child is deleted after this
 *     long; 0 keeps it (znode.container.maxNeverUsedIntervalMs)
 */
public record ServerOptions(
    boolean extendedTypesEnabled,
    boolean skipAcl,
    boolean enforceQuota,
    boolean digestAuthEnabled,
    String superDigest,
    int containerCheckIntervalMs,
    int containerMaxPerMinute,
    long containerMaxNeverUsedIntervalMs) {

  /** Apache's defaults: checks every minute, up to 10000 deletions a minute. */
  public static final int DEFAULT_CONTAINER_CHECK_INTERVAL_MS = 60_000;

  public static final int DEFAULT_CONTAINER_MAX_PER_MINUTE = 10_000;

  public static ServerOptions defaults() {
    return new ServerOptions(
        false,
        false,
        false,
        true,
        null,
        DEFAULT_CONTAINER_CHECK_INTERVAL_MS,
        DEFAULT_CONTAINER_MAX_PER_MINUTE,
        0);
  }
}

package io.zkensemble.node.request;

import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.QuotaStats;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.wire.ErrorCode;
import org.jboss.logging.Logger;

/**
 * Apache's ZooKeeperServer.checkQuota: with enforceQuota on, a write that would take a quota'd
 * subtree past a limit is logged, and refused with QuotaExceeded when the limit is a hard one. With
 * enforceQuota off nothing is checked or logged (as in Apache 3.9).
 */
final class QuotaCheck {
  private static final Logger LOG = Logger.getLogger(QuotaCheck.class);

  /** Repeats of one warning within this many milliseconds are logged once (Apache's RateLogger). */
  private static final long LOG_INTERVAL_MS = 100;

  private final DataTree tree;
  private final boolean enforce;
  private String lastWarning;
  private long lastWarningAt;

  QuotaCheck(DataTree tree, boolean enforce) {
    this.tree = tree;
    this.enforce = enforce;
  }

  /** Checks that {@code path} may grow by {@code bytesDiff} bytes and {@code countDiff} nodes. */
  void check(String path, long bytesDiff, long countDiff) {
    if (!enforce) {
      return;
    }
    String prefix = tree.quotaPrefix(path);
    QuotaStats limits = prefix == null ? null : tree.quotaLimits(prefix);
    if (limits == null) {
      return;
    }
    boolean checkCount =
        countDiff != 0
            && (limits.get(QuotaStats.COUNT) > -1 || limits.get(QuotaStats.COUNT_HARD_LIMIT) > -1);
    boolean checkBytes =
        bytesDiff != 0
            && (limits.get(QuotaStats.BYTES) > -1 || limits.get(QuotaStats.BYTE_HARD_LIMIT) > -1);
    QuotaStats usage = tree.quotaUsage(prefix);
    if (usage == null) {
      return;
    }
    if (checkCount) {
      check(prefix, "count", usage.get(QuotaStats.COUNT) + countDiff, limits, QuotaStats.COUNT);
    }
    if (checkBytes) {
      check(prefix, "bytes", usage.get(QuotaStats.BYTES) + bytesDiff, limits, QuotaStats.BYTES);
    }
  }

  private void check(String prefix, String what, long wanted, QuotaStats limits, String key) {
    String hardKey =
        key.equals(QuotaStats.COUNT) ? QuotaStats.COUNT_HARD_LIMIT : QuotaStats.BYTE_HARD_LIMIT;
    boolean hard = limits.get(hardKey) > -1;
    long limit = hard ? limits.get(hardKey) : limits.get(key);
    if (wanted <= limit) {
      return;
    }
    String kind = key.equals(QuotaStats.COUNT) ? "Count" : "Byte";
    warn(
        "Quota exceeded: "
            + prefix
            + " [current "
            + what
            + "="
            + wanted
            + ", "
            + (hard ? "hard" : "soft")
            + kind
            + "Limit="
            + limit
            + "]");
    if (hard) {
      throw new ZkError(ErrorCode.QUOTA_EXCEEDED, prefix);
    }
  }

  private void warn(String message) {
    long now = System.nanoTime() / 1_000_000;
    if (message.equals(lastWarning) && now - lastWarningAt < LOG_INTERVAL_MS) {
      return;
    }
    lastWarning = message;
    lastWarningAt = now;
    LOG.warn(message);
  }
}

package io.zkensemble.node.tree;

import java.util.HashSet;
import java.util.Set;

/**
 * Quota bookkeeping (Apache's DataTree quota code and PathTrie): a zookeeper_limits node under
 * /zookeeper/quota/&lt;path&gt; puts a quota on &lt;path&gt;, and the zookeeper_stats node beside
 * it tracks the count of nodes and bytes of data in &lt;path&gt;'s subtree, kept up to date as
 * nodes are created, deleted and changed.
 */
final class Quotas {
  static final String ROOT = "/zookeeper/quota";
  static final String LIMIT_NODE = "zookeeper_limits";
  static final String STATS_NODE = "zookeeper_stats";

  private final DataTree tree;
  private final Set<String> quotaPaths = new HashSet<>();

  Quotas(DataTree tree) {
    this.tree = tree;
  }

  /**
   * The deepest ancestor-or-self of {@code path} with a quota, or null (the root never has one).
   */
  String prefixOf(String path) {
    if (quotaPaths.isEmpty()) {
      return null;
    }
    for (String p = path; p.length() > 1; p = Paths.parent(p)) {
      if (quotaPaths.contains(p)) {
        return p;
      }
    }
    return null;
  }

  void created(String parentPath, String name, String path, long bytes) {
    if (parentPath.startsWith(ROOT)) {
      if (name.equals(LIMIT_NODE)) {
        quotaPaths.add(realPath(parentPath));
      } else if (name.equals(STATS_NODE)) {
        String real = realPath(parentPath);
        long[] counts = tree.subtreeCounts(real);
        tree.setQuotaStats(
            parentPath + "/" + STATS_NODE,
            new QuotaStats()
                .set(QuotaStats.COUNT, counts[0])
                .set(QuotaStats.BYTES, counts[1])
                .bytes());
      }
    }
    update(path, bytes, 1);
  }

  void deleted(String parentPath, String name, String path, long bytes) {
    if (parentPath.startsWith(DataTree.ZOOKEEPER) && name.equals(LIMIT_NODE)) {
      quotaPaths.remove(realPath(parentPath));
    }
    update(path, -bytes, -1);
  }

  void dataChanged(String path, long bytesDiff) {
    update(path, bytesDiff, 0);
  }

  private void update(String path, long bytesDiff, long countDiff) {
    String prefix = prefixOf(path);
    if (prefix == null) {
      return;
    }
    String statPath = statPath(prefix);
    DataNode node = tree.node(statPath);
    if (node == null) {
      return;
    }
    QuotaStats stats = QuotaStats.parse(node.data());
    stats.set(QuotaStats.COUNT, stats.get(QuotaStats.COUNT) + countDiff);
    stats.set(QuotaStats.BYTES, stats.get(QuotaStats.BYTES) + bytesDiff);
    tree.setQuotaStats(statPath, stats.bytes());
  }

  void clear() {
    quotaPaths.clear();
  }

  /**
   * After a snapshot load: every zookeeper_limits node under /zookeeper/quota marks a quota path,
   * and its stats are counted afresh (Apache's setupQuota).
   */
  void rebuild() {
    quotaPaths.clear();
    if (tree.node(ROOT) != null) {
      rebuild(ROOT);
    }
  }

  private void rebuild(String path) {
    DataNode node = tree.node(path);
    if (node.numChildren() == 0) {
      if (path.endsWith("/" + LIMIT_NODE)) {
        String real = path.substring(ROOT.length(), path.length() - LIMIT_NODE.length() - 1);
        quotaPaths.add(real);
        long[] counts = tree.subtreeCounts(real);
        tree.setQuotaStats(
            statPath(real),
            new QuotaStats()
                .set(QuotaStats.COUNT, counts[0])
                .set(QuotaStats.BYTES, counts[1])
                .bytes());
      }
      return;
    }
    for (String child : node.children()) {
      rebuild(path + "/" + child);
    }
  }

  static String limitPath(String path) {
    return ROOT + path + "/" + LIMIT_NODE;
  }

  static String statPath(String path) {
    return ROOT + path + "/" + STATS_NODE;
  }

  /** /zookeeper/quota/a/b → /a/b (Apache's Quotas.trimQuotaPath). */
  private static String realPath(String quotaPath) {
    return quotaPath.substring(ROOT.length());
  }
}

package io.zkensemble.node.tree;

import io.zkensemble.node.tree.watch.WatchEvent;
import io.zkensemble.node.tree.watch.WatchManager;
import io.zkensemble.node.tree.watch.WatchMode;
import io.zkensemble.node.tree.watch.Watcher;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.data.Stat;
import io.zkensemble.node.wire.data.StatPersisted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The znode tree with its ephemeral, container and TTL indexes, quota bookkeeping and watches, as
 * Apache's DataTree keeps them. Reads are public; the mutators are called only by the txn apply
 * function (txn/TxnApplier), so that every server changes its tree the same way. Owned by one
 * thread: no locks.
 */
public final class DataTree {
  public static final String ZOOKEEPER = "/zookeeper";
  public static final String CONFIG = "/zookeeper/config";

  /** Apache's ZooDefs.Ids.READ_ACL_UNSAFE, the ACL of /zookeeper/config. */
  private static final List<ACL> READ_ACL_UNSAFE = List.of(new ACL(1, new Id("world", "anyone")));

  private final EphemeralType types;
  private final Map<String, DataNode> nodes = new HashMap<>();
  private final Map<Long, Set<String>> ephemerals = new HashMap<>();
  private final Set<String> containers = new HashSet<>();
  private final Set<String> ttls = new HashSet<>();
  private final AclCache acls = new AclCache();
  private final Quotas quotas = new Quotas(this);
  private final WatchManager dataWatches = new WatchManager();
  private final WatchManager childWatches = new WatchManager();
  private long lastProcessedZxid;

  /** Path lengths plus data lengths of every node, kept as Apache's nodeDataSize is. */
  private long approximateDataSize;

  public DataTree(EphemeralType types) {
    this.types = types;
    nodes.put("/", new DataNode(new byte[0], AclCache.OPEN_UNSAFE));
    approximateDataSize = "/".length();
    addSystemNode(ZOOKEEPER, AclCache.OPEN_UNSAFE);
    addSystemNode(Quotas.ROOT, AclCache.OPEN_UNSAFE);
    DataNode config = addSystemNode(CONFIG, acls.use(READ_ACL_UNSAFE));
    // Apache sets this ACL with setACL(path, acl, -1), which leaves aversion at -1.
    config.aversion = -1;
  }

  private DataNode addSystemNode(String path, long aclRef) {
    DataNode node = new DataNode(new byte[0], aclRef);
    nodes.get(Paths.parent(path)).addChild(Paths.name(path));
    nodes.put(path, node);
    approximateDataSize += path.length();
    return node;
  }

  /** Paths Apache's DataTree.isSpecialPath protects from deletion. */
  public static boolean isSpecialPath(String path) {
    return path.equals("/")
        || path.equals(ZOOKEEPER)
        || path.equals(Quotas.ROOT)
        || path.equals(CONFIG);
  }

  public EphemeralType types() {
    return types;
  }

  public DataNode node(String path) {
    return nodes.get(path);
  }

  /** Apache's node count, which counts the root twice (it keeps "" as an alias of "/"). */
  public int nodeCount() {
    return nodes.size() + 1;
  }

  public long lastProcessedZxid() {
    return lastProcessedZxid;
  }

  public List<ACL> acl(DataNode node) {
    return acls.acl(node.aclRef);
  }

  /** The stat a client sees of {@code node}. */
  public Stat stat(DataNode node) {
    return node.stat(types.isSession(node.ephemeralOwner) ? node.ephemeralOwner : 0);
  }

  /** The paths of the ephemeral nodes {@code sessionId} owns, sorted. */
  public List<String> ephemerals(long sessionId) {
    Set<String> paths = ephemerals.get(sessionId);
    return paths == null ? List.of() : List.copyOf(new TreeSet<>(paths));
  }

  public int ephemeralCount() {
    int count = 0;
    for (Set<String> paths : ephemerals.values()) {
      count += paths.size();
    }
    return count;
  }

  /** Container nodes, sorted (candidates for the container reaper). */
  public List<String> containers() {
    return List.copyOf(new TreeSet<>(containers));
  }

  /** TTL nodes, sorted (candidates for the container reaper). */
  public List<String> ttlNodes() {
    return List.copyOf(new TreeSet<>(ttls));
  }

  /** All descendants of {@code path} (Apache's getAllChildrenNumber). */
  public int descendantCount(String path) {
    DataNode node = existing(path);
    int count = 0;
    for (String child : node.children()) {
      count += 1 + descendantCount(childPath(path, child));
    }
    return count;
  }

  /** The quota path (the deepest ancestor-or-self of {@code path} with a quota), or null. */
  public String quotaPrefix(String path) {
    return quotas.prefixOf(path);
  }

  /** The limits set on quota path {@code prefix} (its zookeeper_limits node), or null. */
  public QuotaStats quotaLimits(String prefix) {
    DataNode node = nodes.get(Quotas.limitPath(prefix));
    return node == null ? null : QuotaStats.parse(node.data);
  }

  /** The usage tracked for quota path {@code prefix} (its zookeeper_stats node), or null. */
  public QuotaStats quotaUsage(String prefix) {
    DataNode node = nodes.get(Quotas.statPath(prefix));
    return node == null ? null : QuotaStats.parse(node.data);
  }

  // ---- reads, with watch registration as Apache's DataTree does it

  public DataNode getData(String path, Watcher watcher) {
    DataNode node = existing(path);
    if (watcher != null) {
      dataWatches.add(path, watcher);
    }
    return node;
  }

  /** exists: the watch is set whether or not the node exists (it then waits for its creation). */
  public DataNode exists(String path, Watcher watcher) {
    if (watcher != null) {
      dataWatches.add(path, watcher);
    }
    return existing(path);
  }

  public DataNode getChildren(String path, Watcher watcher) {
    DataNode node = existing(path);
    if (watcher != null) {
      childWatches.add(path, watcher);
    }
    return node;
  }

  /**
   * addWatch: a persistent watch sees data and child events of its node; a persistent recursive one
   * sees data events (created, deleted, changed) of its node and everything below.
   */
  public void addWatch(String path, Watcher watcher, int mode) {
    dataWatches.add(path, watcher, mode);
    if (mode != WatchMode.PERSISTENT_RECURSIVE) {
      childWatches.add(path, watcher, mode);
    }
  }

  /** Removes the watcher's watches of {@code type} on {@code path}; true when there were some. */
  public boolean removeWatch(String path, WatcherType type, Watcher watcher) {
    return switch (type) {
      case CHILDREN -> childWatches.remove(path, watcher, WatchMode.STANDARD);
      case DATA -> dataWatches.remove(path, watcher, WatchMode.STANDARD);
      case PERSISTENT ->
          childWatches.remove(path, watcher, WatchMode.PERSISTENT)
              | dataWatches.remove(path, watcher, WatchMode.PERSISTENT);
      case PERSISTENT_RECURSIVE ->
          dataWatches.remove(path, watcher, WatchMode.PERSISTENT_RECURSIVE);
      case ANY ->
          childWatches.remove(path, watcher, WatchMode.ANY)
              | dataWatches.remove(path, watcher, WatchMode.ANY);
    };
  }

  public boolean containsWatch(String path, WatcherType type, Watcher watcher) {
    return switch (type) {
      case CHILDREN -> childWatches.contains(path, watcher, WatchMode.STANDARD);
      case DATA -> dataWatches.contains(path, watcher, WatchMode.STANDARD);
      case PERSISTENT -> dataWatches.contains(path, watcher, WatchMode.PERSISTENT);
      case PERSISTENT_RECURSIVE ->
          dataWatches.contains(path, watcher, WatchMode.PERSISTENT_RECURSIVE);
      case ANY ->
          childWatches.contains(path, watcher, WatchMode.ANY)
              || dataWatches.contains(path, watcher, WatchMode.ANY);
    };
  }

  /**
   * Re-registers a reconnecting client's watches relative to the last zxid it saw, firing at once
   * what it missed (Apache's DataTree.setWatches); persistent watches are simply re-added.
   */
  public void setWatches(long relativeZxid, ClientWatches watches, Watcher watcher) {
    for (String path : watches.data()) {
      DataNode node = nodes.get(path);
      if (node == null) {
        notifyNow(watcher, WatchEvent.NODE_DELETED, path);
      } else if (node.mzxid > relativeZxid) {
        notifyNow(watcher, WatchEvent.NODE_DATA_CHANGED, path);
      } else {
        dataWatches.add(path, watcher);
      }
    }
    for (String path : watches.exist()) {
      if (nodes.get(path) != null) {
        notifyNow(watcher, WatchEvent.NODE_CREATED, path);
      } else {
        dataWatches.add(path, watcher);
      }
    }
    for (String path : watches.child()) {
      DataNode node = nodes.get(path);
      if (node == null) {
        notifyNow(watcher, WatchEvent.NODE_DELETED, path);
      } else if (node.pzxid > relativeZxid) {
        notifyNow(watcher, WatchEvent.NODE_CHILDREN_CHANGED, path);
      } else {
        childWatches.add(path, watcher);
      }
    }
    for (String path : watches.persistent()) {
      addWatch(path, watcher, WatchMode.PERSISTENT);
    }
    for (String path : watches.persistentRecursive()) {
      addWatch(path, watcher, WatchMode.PERSISTENT_RECURSIVE);
    }
  }

  private static void notifyNow(Watcher watcher, int type, String path) {
    watcher.process(new WatchEvent(type, path, WatchEvent.NO_ZXID), null);
  }

  public void removeWatcher(Watcher watcher) {
    dataWatches.removeWatcher(watcher);
    childWatches.removeWatcher(watcher);
  }

  public int watchCount() {
    return dataWatches.size() + childWatches.size();
  }

  /**
   * The data watches by watcher: Apache's wchc, wchp and wchs (DataTree.dumpWatches) show only
   * these, persistent ones included.
   */
  public Map<Watcher, Set<String>> dataWatchesByWatcher() {
    return dataWatches.pathsByWatcher();
  }

  /** The data watches by path, for wchp. */
  public Map<String, Set<Watcher>> dataWatchesByPath() {
    return dataWatches.watchersByPath();
  }

  /**
   * Apache's approximate_data_size: the length of every node's path plus its data (the root counted
   * as "/"), kept up to date as nodes change rather than counted when asked.
   */
  public long approximateDataSize() {
    return approximateDataSize;
  }

  private DataNode existing(String path) {
    DataNode node = nodes.get(path);
    if (node == null) {
      throw new ZkError(ErrorCode.NO_NODE, path);
    }
    return node;
  }

  private static String childPath(String parent, String child) {
    return parent.equals("/") ? "/" + child : parent + "/" + child;
  }

  // ---- mutations: only the txn apply function calls these

  public void setLastProcessedZxid(long zxid) {
    lastProcessedZxid = zxid;
  }

  /**
   * Creates a znode; {@code parentCVersion} is the parent's new creation count as the txn carries
   * it (the tree keeps the larger one, so replaying an old txn cannot move it back).
   */
  public Stat createNode(
      String path,
      byte[] data,
      List<ACL> acl,
      long ephemeralOwner,
      int parentCVersion,
      long zxid,
      long time) {
    String parentPath = Paths.parent(path);
    DataNode parent = existing(parentPath);
    DataNode existing = nodes.get(path);
    if (existing != null) {
      // Replaying a create over a fuzzy snapshot that already holds the node: its ACL may be one
      // the snapshot's ACL map missed, so it is taken from the txn (as Apache does).
      long aclRef = acls.use(acl);
      acls.release(existing.aclRef);
      existing.aclRef = aclRef;
      throw new ZkError(ErrorCode.NODE_EXISTS, path);
    }
    if (parentCVersion == -1) {
      // A create logged before parentCVersion existed (Apache's CreateTxnV0).
      parentCVersion = parent.cversion + 1;
    }
    if (parentCVersion > parent.cversion) {
      parent.cversion = parentCVersion;
      parent.pzxid = zxid;
    }
    DataNode node = new DataNode(data, acls.use(acl));
    node.czxid = zxid;
    node.mzxid = zxid;
    node.pzxid = zxid;
    node.ctime = time;
    node.mtime = time;
    node.ephemeralOwner = ephemeralOwner;
    parent.addChild(Paths.name(path));
    nodes.put(path, node);
    approximateDataSize += path.length() + node.dataLength();
    index(path, ephemeralOwner);
    // The stat as created: quota bookkeeping may rewrite a new zookeeper_stats node's data.
    Stat created = stat(node);
    quotas.created(parentPath, Paths.name(path), path, node.dataLength());
    dataWatches.trigger(path, WatchEvent.NODE_CREATED, zxid, acl(node), Set.of());
    childWatches.trigger(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, zxid, acl(parent), Set.of());
    return created;
  }

  public void deleteNode(String path, long zxid) {
    String parentPath = Paths.parent(path);
    DataNode parent = existing(parentPath);
    DataNode node = existing(path);
    parent.removeChild(Paths.name(path));
    if (zxid > parent.pzxid) {
      parent.pzxid = zxid;
    }
    nodes.remove(path);
    approximateDataSize -= path.length() + node.dataLength();
    List<ACL> acl = acl(node);
    acls.release(node.aclRef);
    unindex(path, node.ephemeralOwner);
    quotas.deleted(parentPath, Paths.name(path), path, node.dataLength());
    Set<Watcher> notified = dataWatches.trigger(path, WatchEvent.NODE_DELETED, zxid, acl, Set.of());
    childWatches.trigger(path, WatchEvent.NODE_DELETED, zxid, acl, notified);
    childWatches.trigger(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, zxid, acl(parent), Set.of());
  }

  public Stat setData(String path, byte[] data, int version, long zxid, long time) {
    DataNode node = existing(path);
    int oldLength = node.dataLength();
    node.data = data;
    node.version = version;
    node.mzxid = zxid;
    node.mtime = time;
    approximateDataSize += node.dataLength() - oldLength;
    quotas.dataChanged(path, node.dataLength() - oldLength);
    dataWatches.trigger(path, WatchEvent.NODE_DATA_CHANGED, zxid, acl(node), Set.of());
    return stat(node);
  }

  public Stat setAcl(String path, List<ACL> acl, int version) {
    DataNode node = existing(path);
    acls.release(node.aclRef);
    node.aclRef = acls.use(acl);
    node.aversion = version;
    return stat(node);
  }

  /** Deletes a closed session's ephemerals: those its close txn lists, then any left over. */
  public void killSession(long sessionId, List<String> paths, long zxid) {
    for (String path : paths) {
      if (nodes.containsKey(path)) {
        deleteNode(path, zxid);
      }
    }
    Set<String> leftOver = ephemerals.remove(sessionId);
    if (leftOver != null) {
      for (String path : new ArrayList<>(new TreeSet<>(leftOver))) {
        if (nodes.containsKey(path)) {
          deleteNode(path, zxid);
        }
      }
    }
  }

  /**
   * Moves a parent's creation count and pzxid forward when a replayed create finds its node already
   * there (Apache's setCversionPzxid): the snapshot may predate the parent's change.
   */
  public void setCversionPzxid(String path, int newCversion, long zxid) {
    DataNode node = existing(path);
    int cversion = newCversion == -1 ? node.cversion + 1 : newCversion;
    if (cversion > node.cversion) {
      node.cversion = cversion;
      node.pzxid = zxid;
    }
  }

  // ---- snapshots: storage/ writes and reads them in Apache's format

  /** The interned ACL lists by reference, in the order Apache writes them. */
  public Map<Long, List<ACL>> aclsByRef() {
    return acls.byRef();
  }

  /** A walk over the tree for a snapshot, a few nodes at a time while writes go on (fuzzy). */
  public SnapshotCursor snapshotCursor() {
    return new SnapshotCursor(this);
  }

  /** Empties the tree before a snapshot is loaded into it. */
  public void clearForLoad() {
    nodes.clear();
    ephemerals.clear();
    containers.clear();
    ttls.clear();
    acls.clear();
    quotas.clear();
    approximateDataSize = 0;
  }

  public void loadAcl(long ref, List<ACL> acl) {
    acls.load(ref, acl);
  }

  /**
   * Adds a node read from a snapshot; nodes come parent first, and "" names the root (as Apache
   * writes it). An ACL reference the snapshot's map lacks is left for replay to fix.
   */
  public void loadNode(String path, byte[] data, long aclRef, StatPersisted stat) {
    DataNode node = new DataNode(data, aclRef);
    node.czxid = stat.czxid();
    node.mzxid = stat.mzxid();
    node.ctime = stat.ctime();
    node.mtime = stat.mtime();
    node.version = stat.version();
    node.cversion = stat.cversion();
    node.aversion = stat.aversion();
    node.ephemeralOwner = stat.ephemeralOwner();
    node.pzxid = stat.pzxid();
    acls.addUsage(aclRef);
    if (path.isEmpty()) {
      nodes.put("/", node);
      approximateDataSize += "/".length() + node.dataLength();
      return;
    }
    DataNode parent = nodes.get(Paths.parent(path));
    if (parent == null) {
      throw new IllegalStateException("invalid snapshot: no parent for " + path);
    }
    parent.addChild(Paths.name(path));
    nodes.put(path, node);
    approximateDataSize += path.length() + node.dataLength();
    index(path, node.ephemeralOwner);
  }

  /** Files a node under the container, TTL or session index its owner field names. */
  private void index(String path, long owner) {
    if (types.isContainer(owner)) {
      containers.add(path);
    } else if (types.isTtl(owner)) {
      ttls.add(path);
    } else if (owner != 0) {
      ephemerals.computeIfAbsent(owner, s -> new HashSet<>()).add(path);
    }
  }

  private void unindex(String path, long owner) {
    if (types.isContainer(owner)) {
      containers.remove(path);
    } else if (types.isTtl(owner)) {
      ttls.remove(path);
    } else if (owner != 0) {
      Set<String> owned = ephemerals.get(owner);
      if (owned != null) {
        owned.remove(path);
        if (owned.isEmpty()) {
          ephemerals.remove(owner);
        }
      }
    }
  }

  /**
   * Completes a load: quota paths and stats rebuilt, unused ACLs dropped (Apache's deserialize).
   */
  public void finishLoad(long zxid) {
    if (!nodes.containsKey("/")) {
      throw new IllegalStateException("invalid snapshot: no root");
    }
    lastProcessedZxid = zxid;
    quotas.rebuild();
    acls.purgeUnused();
  }

  /** The session ids that own ephemeral nodes. */
  public Set<Long> ephemeralOwners() {
    return Set.copyOf(ephemerals.keySet());
  }

  Map<String, DataNode> nodes() {
    return nodes;
  }

  /** Replaces a quota stat node's data: quota bookkeeping, not a client write (no watch fires). */
  void setQuotaStats(String statPath, byte[] data) {
    DataNode node = nodes.get(statPath);
    if (node != null) {
      node.data = data;
    }
  }

  /** The count and bytes of the subtree at {@code path} (Apache's DataTree.getCounts). */
  long[] subtreeCounts(String path) {
    DataNode node = nodes.get(path);
    if (node == null) {
      return new long[] {0, 0};
    }
    long[] counts = {1, node.dataLength()};
    for (String child : node.children()) {
      long[] below = subtreeCounts(childPath(path, child));
      counts[0] += below[0];
      counts[1] += below[1];
    }
    return counts;
  }
}

package io.zkensemble.node.tree;

import io.zkensemble.node.tree.watch.WatchEvent;
import io.zkensemble.node.tree.watch.WatchManager;
import io.zkensemble.node.tree.watch.Watcher;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.data.Stat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The znode tree with its ephemeral index and one-shot watches, as Apache's DataTree keeps them.
 * Reads are public; the mutators are called only by the txn apply function (txn/TxnApplier), so
 * that every server changes its tree the same way. Owned by one thread: no locks.
 */
public final class DataTree {
  public static final String ZOOKEEPER = "/zookeeper";
  public static final String QUOTA = "/zookeeper/quota";
  public static final String CONFIG = "/zookeeper/config";

  /** Apache's ZooDefs.Ids.READ_ACL_UNSAFE, the ACL of /zookeeper/config. */
  private static final List<ACL> READ_ACL_UNSAFE = List.of(new ACL(1, new Id("world", "anyone")));

  private final Map<String, DataNode> nodes = new HashMap<>();
  private final Map<Long, Set<String>> ephemerals = new HashMap<>();
  private final AclCache acls = new AclCache();
  private final WatchManager dataWatches = new WatchManager();
  private final WatchManager childWatches = new WatchManager();
  private long lastProcessedZxid;

  public DataTree() {
    nodes.put("/", new DataNode(new byte[0], AclCache.OPEN_UNSAFE));
    addSystemNode(ZOOKEEPER, AclCache.OPEN_UNSAFE);
    addSystemNode(QUOTA, AclCache.OPEN_UNSAFE);
    DataNode config = addSystemNode(CONFIG, acls.use(READ_ACL_UNSAFE));
    // Apache sets this ACL with setACL(path, acl, -1), which leaves aversion at -1.
    config.aversion = -1;
  }

  private DataNode addSystemNode(String path, long aclRef) {
    DataNode node = new DataNode(new byte[0], aclRef);
    nodes.get(Paths.parent(path)).addChild(Paths.name(path));
    nodes.put(path, node);
    return node;
  }

  /** Paths Apache's DataTree.isSpecialPath protects from deletion. */
  public static boolean isSpecialPath(String path) {
    return path.equals("/") || path.equals(ZOOKEEPER) || path.equals(QUOTA) || path.equals(CONFIG);
  }

  public DataNode node(String path) {
    return nodes.get(path);
  }

  public int nodeCount() {
    return nodes.size();
  }

  public long lastProcessedZxid() {
    return lastProcessedZxid;
  }

  public List<ACL> acl(DataNode node) {
    return acls.acl(node.aclRef);
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

  // ---- reads, with watch registration as Apache's DataTree does it

  public DataNode getData(String path, Watcher watcher) {
    DataNode node = existing(path);
    if (watcher != null) {
      dataWatches.add(path, watcher);
    }
    return node;
  }

  /** exists: the watch is set whether or not the node exists (it then waits for its creation). */
  public Stat exists(String path, Watcher watcher) {
    if (watcher != null) {
      dataWatches.add(path, watcher);
    }
    return existing(path).stat();
  }

  public DataNode getChildren(String path, Watcher watcher) {
    DataNode node = existing(path);
    if (watcher != null) {
      childWatches.add(path, watcher);
    }
    return node;
  }

  /**
   * Re-registers a reconnecting client's watches relative to the last zxid it saw, firing at once
   * what it missed (Apache's DataTree.setWatches).
   */
  public void setWatches(
      long relativeZxid,
      List<String> data,
      List<String> exist,
      List<String> child,
      Watcher watcher) {
    for (String path : data) {
      DataNode node = nodes.get(path);
      if (node == null) {
        watcher.process(new WatchEvent(WatchEvent.NODE_DELETED, path, WatchEvent.NO_ZXID));
      } else if (node.mzxid > relativeZxid) {
        watcher.process(new WatchEvent(WatchEvent.NODE_DATA_CHANGED, path, WatchEvent.NO_ZXID));
      } else {
        dataWatches.add(path, watcher);
      }
    }
    for (String path : exist) {
      if (nodes.get(path) != null) {
        watcher.process(new WatchEvent(WatchEvent.NODE_CREATED, path, WatchEvent.NO_ZXID));
      } else {
        dataWatches.add(path, watcher);
      }
    }
    for (String path : child) {
      DataNode node = nodes.get(path);
      if (node == null) {
        watcher.process(new WatchEvent(WatchEvent.NODE_DELETED, path, WatchEvent.NO_ZXID));
      } else if (node.pzxid > relativeZxid) {
        watcher.process(new WatchEvent(WatchEvent.NODE_CHILDREN_CHANGED, path, WatchEvent.NO_ZXID));
      } else {
        childWatches.add(path, watcher);
      }
    }
  }

  public void removeWatcher(Watcher watcher) {
    dataWatches.removeWatcher(watcher);
    childWatches.removeWatcher(watcher);
  }

  public int watchCount() {
    return dataWatches.size() + childWatches.size();
  }

  private DataNode existing(String path) {
    DataNode node = nodes.get(path);
    if (node == null) {
      throw new ZkError(ErrorCode.NO_NODE, path);
    }
    return node;
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
    if (nodes.containsKey(path)) {
      throw new ZkError(ErrorCode.NODE_EXISTS, path);
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
    if (EphemeralType.isSession(ephemeralOwner)) {
      ephemerals.computeIfAbsent(ephemeralOwner, s -> new HashSet<>()).add(path);
    }
    dataWatches.trigger(path, WatchEvent.NODE_CREATED, zxid, Set.of());
    childWatches.trigger(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, zxid, Set.of());
    return node.stat();
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
    acls.release(node.aclRef);
    if (EphemeralType.isSession(node.ephemeralOwner)) {
      Set<String> owned = ephemerals.get(node.ephemeralOwner);
      if (owned != null) {
        owned.remove(path);
        if (owned.isEmpty()) {
          ephemerals.remove(node.ephemeralOwner);
        }
      }
    }
    Set<Watcher> notified = dataWatches.trigger(path, WatchEvent.NODE_DELETED, zxid, Set.of());
    childWatches.trigger(path, WatchEvent.NODE_DELETED, zxid, notified);
    childWatches.trigger(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, zxid, Set.of());
  }

  public Stat setData(String path, byte[] data, int version, long zxid, long time) {
    DataNode node = existing(path);
    node.data = data;
    node.version = version;
    node.mzxid = zxid;
    node.mtime = time;
    dataWatches.trigger(path, WatchEvent.NODE_DATA_CHANGED, zxid, Set.of());
    return node.stat();
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
}

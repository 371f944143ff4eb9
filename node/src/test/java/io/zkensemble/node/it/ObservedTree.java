package io.zkensemble.node.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** A subtree as a server returns it: every node's data and Stat, by path. */
record ObservedTree(SortedMap<String, ObservedTree.Node> nodes) {
  /** One node as read. */
  record Node(String data, Stat stat) {}

  /**
   * Reads {@code root} and everything under it with {@code zk}; empty if {@code root} does not
   * exist. Nothing else may write under {@code root} meanwhile.
   */
  static ObservedTree read(ZooKeeper zk, String root) throws KeeperException, InterruptedException {
    SortedMap<String, Node> nodes = new TreeMap<>();
    if (zk.exists(root, false) == null) {
      return new ObservedTree(nodes);
    }
    Deque<String> pending = new ArrayDeque<>();
    pending.add(root);
    while (!pending.isEmpty()) {
      String path = pending.removeFirst();
      Stat stat = new Stat();
      byte[] data = zk.getData(path, false, stat);
      nodes.put(
          path, new Node(data == null ? null : new String(data, StandardCharsets.UTF_8), stat));
      for (String child : zk.getChildren(path, false)) {
        pending.add(path + "/" + child);
      }
    }
    return new ObservedTree(nodes);
  }
}

package io.zkensemble.node.request;

import io.zkensemble.node.tree.DataNode;
import io.zkensemble.node.tree.DataTree;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes prepared but not yet applied (Apache's outstandingChanges): a write is checked against the
 * tree as the writes before it will leave it, so that, for instance, the second op of a multi sees
 * the node the first one creates. A change is forgotten once the tree has applied its zxid.
 */
final class PendingChanges {
  /** A node's state after the write with {@code zxid}; an empty view means deleted. */
  private record Change(long zxid, String path, Optional<NodeView> view) {}

  private final DataTree tree;
  private final ArrayDeque<Change> changes = new ArrayDeque<>();
  private final Map<String, Change> latest = new HashMap<>();

  PendingChanges(DataTree tree) {
    this.tree = tree;
  }

  /** The node as the pending writes leave it; empty when it does not (or will not) exist. */
  Optional<NodeView> view(String path) {
    Change change = latest.get(path);
    if (change != null) {
      return change.view();
    }
    DataNode node = tree.node(path);
    return node == null ? Optional.empty() : Optional.of(NodeView.of(tree, node));
  }

  void put(long zxid, String path, NodeView view) {
    add(new Change(zxid, path, Optional.of(view)));
  }

  void delete(long zxid, String path) {
    add(new Change(zxid, path, Optional.empty()));
  }

  private void add(Change change) {
    changes.addLast(change);
    latest.put(change.path(), change);
  }

  /** Takes back the changes of a multi that failed (they all carry its zxid). */
  void rollback(long zxid) {
    while (!changes.isEmpty() && changes.peekLast().zxid() == zxid) {
      Change undone = changes.removeLast();
      if (latest.get(undone.path()) == undone) {
        latest.remove(undone.path());
      }
    }
    // The newest earlier pending change of a path is its latest again.
    changes.descendingIterator().forEachRemaining(c -> latest.putIfAbsent(c.path(), c));
  }

  void clear() {
    changes.clear();
    latest.clear();
  }

  /** The tree has applied everything up to {@code zxid}: those changes are facts now. */
  void applied(long zxid) {
    while (!changes.isEmpty() && changes.peekFirst().zxid() <= zxid) {
      Change done = changes.removeFirst();
      if (latest.get(done.path()) == done) {
        latest.remove(done.path());
      }
    }
  }
}

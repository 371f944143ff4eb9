package io.zkensemble.node.tree;

import io.zkensemble.node.wire.JuteOutput;
import java.util.ArrayDeque;

/**
 * Walks the tree depth first for a snapshot, writing each node as Apache's DataTree.serializeNode
 * does (its path, "" for the root, then data, ACL reference and persisted stat). The walk is done
 * in steps on the thread that owns the tree, so writes go on in between: like Apache's, the result
 * is fuzzy (a node is written as it is when the walk reaches it; one deleted before is skipped),
 * and replaying the log from the snapshot's zxid makes it exact.
 */
public final class SnapshotCursor {
  /** Apache's end-of-nodes marker: no node is named "/" in the stream (the root is ""). */
  public static final String END = "/";

  private final DataTree tree;
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private boolean ended;

  SnapshotCursor(DataTree tree) {
    this.tree = tree;
    pending.push("/");
  }

  /** True once every node and the end marker are written. */
  public boolean done() {
    return ended;
  }

  /** Writes up to {@code maxNodes} nodes, and the end marker once the walk is over. */
  public void writeNext(JuteOutput out, int maxNodes) {
    for (int written = 0; written < maxNodes && !pending.isEmpty(); ) {
      String path = pending.pop();
      DataNode node = tree.nodes().get(path);
      if (node == null) {
        continue;
      }
      out.writeString(path.equals("/") ? "" : path)
          .writeBuffer(node.data)
          .writeLong(node.aclRef)
          .writeLong(node.czxid)
          .writeLong(node.mzxid)
          .writeLong(node.ctime)
          .writeLong(node.mtime)
          .writeInt(node.version)
          .writeInt(node.cversion)
          .writeInt(node.aversion)
          .writeLong(node.ephemeralOwner)
          .writeLong(node.pzxid);
      String prefix = path.equals("/") ? "/" : path + "/";
      // Pushed last to first, so that they are written in their set's order, as Apache's
      // recursive walk writes them: then our snapshots are Apache's byte for byte.
      String[] children = node.children().toArray(new String[0]);
      for (int i = children.length - 1; i >= 0; i--) {
        pending.push(prefix + children[i]);
      }
      written++;
    }
    if (pending.isEmpty() && !ended) {
      out.writeString(END);
      ended = true;
    }
  }
}

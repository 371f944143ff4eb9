package io.zkensemble.node.txn;

import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.EphemeralType;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The replicated state that transactions change and snapshots hold: the data tree and the global
 * sessions with their timeouts (Apache's ZKDatabase).
 */
public final class ZkDatabase {
  private final DataTree tree;
  private final Map<Long, Integer> sessionTimeouts = new HashMap<>();

  public ZkDatabase(EphemeralType types) {
    this.tree = new DataTree(types);
  }

  public DataTree tree() {
    return tree;
  }

  public Map<Long, Integer> sessionTimeouts() {
    return Collections.unmodifiableMap(sessionTimeouts);
  }

  /** Empties the database before a snapshot is loaded into it. */
  public void clearForLoad() {
    sessionTimeouts.clear();
    tree.clearForLoad();
  }

  /** A session read from a snapshot. */
  public void loadSession(long sessionId, int timeout) {
    sessionTimeouts.put(sessionId, timeout);
  }

  void addSession(long sessionId, int timeout) {
    sessionTimeouts.put(sessionId, timeout);
  }

  void removeSession(long sessionId) {
    sessionTimeouts.remove(sessionId);
  }
}

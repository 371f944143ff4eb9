package io.zkensemble.node.tree.watch;

/**
 * A watch notification (Apache's WatchedEvent).
 *
 * @param type one of the {@code NODE_*} event types (Apache's Watcher.Event.EventType)
 * @param zxid the txn that caused it, or -1 when it was synthesized by setWatches
 */
public record WatchEvent(int type, String path, long zxid) {
  public static final int NODE_CREATED = 1;
  public static final int NODE_DELETED = 2;
  public static final int NODE_DATA_CHANGED = 3;
  public static final int NODE_CHILDREN_CHANGED = 4;

  /** Apache's Watcher.Event.KeeperState.SyncConnected: the state every server-side event has. */
  public static final int STATE_SYNC_CONNECTED = 3;

  /** Apache's WatchedEvent.NO_ZXID. */
  public static final long NO_ZXID = -1;
}

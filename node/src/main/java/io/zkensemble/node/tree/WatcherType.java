package io.zkensemble.node.tree;

/** The watch kinds removeWatches and checkWatches name (Apache's Watcher.WatcherType). */
public enum WatcherType {
  CHILDREN(1),
  DATA(2),
  ANY(3),
  PERSISTENT(4),
  PERSISTENT_RECURSIVE(5);

  private final int code;

  WatcherType(int code) {
    this.code = code;
  }

  /** The type with wire code {@code code}, or null for a code Apache does not know. */
  public static WatcherType of(int code) {
    for (WatcherType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }

  /** Apache's name, as it appears in NoWatcher messages. */
  public String apacheName() {
    return switch (this) {
      case CHILDREN -> "Children";
      case DATA -> "Data";
      case ANY -> "Any";
      case PERSISTENT -> "Persistent";
      case PERSISTENT_RECURSIVE -> "PersistentRecursive";
    };
  }
}

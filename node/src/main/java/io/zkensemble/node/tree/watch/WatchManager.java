package io.zkensemble.node.tree.watch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One-shot watches of one kind (data or child) by path, as Apache's WatchManager keeps them: a
 * watcher registered twice on a path is notified once, and a triggered watch is gone.
 */
public final class WatchManager {
  private final Map<String, Set<Watcher>> byPath = new HashMap<>();
  private final Map<Watcher, Set<String>> byWatcher = new HashMap<>();

  public void add(String path, Watcher watcher) {
    byPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(watcher);
    byWatcher.computeIfAbsent(watcher, w -> new HashSet<>()).add(path);
  }

  /**
   * Removes the watches on {@code path} and notifies their watchers, except those in {@code
   * suppress}; returns every watcher whose watch fired, suppressed or not.
   */
  public Set<Watcher> trigger(String path, int eventType, long zxid, Set<Watcher> suppress) {
    Set<Watcher> watchers = byPath.remove(path);
    if (watchers == null) {
      return Set.of();
    }
    WatchEvent event = new WatchEvent(eventType, path, zxid);
    for (Watcher watcher : watchers) {
      Set<String> paths = byWatcher.get(watcher);
      paths.remove(path);
      if (paths.isEmpty()) {
        byWatcher.remove(watcher);
      }
      if (!suppress.contains(watcher)) {
        watcher.process(event);
      }
    }
    return watchers;
  }

  /** Drops every watch of {@code watcher}: its connection is gone. */
  public void removeWatcher(Watcher watcher) {
    Set<String> paths = byWatcher.remove(watcher);
    if (paths == null) {
      return;
    }
    for (String path : paths) {
      Set<Watcher> watchers = byPath.get(path);
      watchers.remove(watcher);
      if (watchers.isEmpty()) {
        byPath.remove(path);
      }
    }
  }

  public boolean contains(String path, Watcher watcher) {
    Set<Watcher> watchers = byPath.get(path);
    return watchers != null && watchers.contains(watcher);
  }

  /** The number of (path, watcher) pairs. */
  public int size() {
    int size = 0;
    for (Set<Watcher> watchers : byPath.values()) {
      size += watchers.size();
    }
    return size;
  }
}

package io.zkensemble.node.tree.watch;

import io.zkensemble.node.wire.data.ACL;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches of one kind (data or child) by path, as Apache's WatchManager keeps them: each (watcher,
 * path) pair holds a set of {@link WatchMode}s; a standard watch is gone once it fires, persistent
 * ones stay, and persistent recursive ones also fire for events on any path below theirs. A watcher
 * is notified once per event however many of its watches match.
 */
public final class WatchManager {
  private final Map<String, Map<Watcher, Integer>> byPath = new HashMap<>();
  private final Map<Watcher, Set<String>> byWatcher = new HashMap<>();
  private int recursiveWatches;

  /** Adds {@code mode} to the watcher's watch on {@code path}; false when it was there already. */
  public boolean add(String path, Watcher watcher, int mode) {
    Map<Watcher, Integer> watchers = byPath.computeIfAbsent(path, p -> new LinkedHashMap<>(4));
    int old = watchers.getOrDefault(watcher, 0);
    if ((old & mode) == mode) {
      return false;
    }
    watchers.put(watcher, old | mode);
    byWatcher.computeIfAbsent(watcher, w -> new HashSet<>()).add(path);
    if ((mode & WatchMode.PERSISTENT_RECURSIVE) != 0
        && (old & WatchMode.PERSISTENT_RECURSIVE) == 0) {
      recursiveWatches++;
    }
    return true;
  }

  public void add(String path, Watcher watcher) {
    add(path, watcher, WatchMode.STANDARD);
  }

  /**
   * Notifies the watchers of {@code path} (and the recursive watchers of its ancestors) except
   * those in {@code suppress}, dropping the standard watches that fire; returns every watcher whose
   * watch fired, suppressed or not.
   */
  public Set<Watcher> trigger(
      String path, int eventType, long zxid, List<ACL> acl, Set<Watcher> suppress) {
    Set<Watcher> fired = new LinkedHashSet<>();
    Map<Watcher, Integer> exact = byPath.get(path);
    if (exact != null) {
      fired.addAll(exact.keySet());
      exact.replaceAll((watcher, modes) -> modes & ~WatchMode.STANDARD);
      exact.entrySet().removeIf(entry -> entry.getValue() == 0 && forget(entry.getKey(), path));
      if (exact.isEmpty()) {
        byPath.remove(path);
      }
    }
    if (recursiveWatches > 0) {
      for (String ancestor = parentOf(path); ancestor != null; ancestor = parentOf(ancestor)) {
        Map<Watcher, Integer> watchers = byPath.get(ancestor);
        if (watchers != null) {
          watchers.forEach(
              (watcher, modes) -> {
                if ((modes & WatchMode.PERSISTENT_RECURSIVE) != 0) {
                  fired.add(watcher);
                }
              });
        }
      }
    }
    if (!fired.isEmpty()) {
      WatchEvent event = new WatchEvent(eventType, path, zxid);
      for (Watcher watcher : fired) {
        if (!suppress.contains(watcher)) {
          watcher.process(event, acl);
        }
      }
    }
    return fired;
  }

  /** Removes {@code modes} from the watcher's watch on {@code path}; true when one was there. */
  public boolean remove(String path, Watcher watcher, int modes) {
    Map<Watcher, Integer> watchers = byPath.get(path);
    Integer old = watchers == null ? null : watchers.get(watcher);
    if (old == null || (old & modes) == 0) {
      return false;
    }
    int left = old & ~modes;
    if ((old & WatchMode.PERSISTENT_RECURSIVE) != 0
        && (left & WatchMode.PERSISTENT_RECURSIVE) == 0) {
      recursiveWatches--;
    }
    if (left == 0) {
      watchers.remove(watcher);
      forget(watcher, path);
      if (watchers.isEmpty()) {
        byPath.remove(path);
      }
    } else {
      watchers.put(watcher, left);
    }
    return true;
  }

  /** True when the watcher has a watch on {@code path} in one of {@code modes}. */
  public boolean contains(String path, Watcher watcher, int modes) {
    Map<Watcher, Integer> watchers = byPath.get(path);
    Integer held = watchers == null ? null : watchers.get(watcher);
    return held != null && (held & modes) != 0;
  }

  /** Drops every watch of {@code watcher}: its connection is gone. */
  public void removeWatcher(Watcher watcher) {
    Set<String> paths = byWatcher.get(watcher);
    if (paths == null) {
      return;
    }
    for (String path : Set.copyOf(paths)) {
      remove(path, watcher, WatchMode.ANY);
    }
  }

  /** The number of (path, watcher) pairs. */
  public int size() {
    int size = 0;
    for (Map<Watcher, Integer> watchers : byPath.values()) {
      size += watchers.size();
    }
    return size;
  }

  /** Every watcher with the paths it watches (a read-only view, for the admin commands). */
  public Map<Watcher, Set<String>> pathsByWatcher() {
    return Collections.unmodifiableMap(byWatcher);
  }

  /** Every watched path with its watchers (a read-only view, for the admin commands). */
  public Map<String, Set<Watcher>> watchersByPath() {
    Map<String, Set<Watcher>> view = new LinkedHashMap<>();
    byPath.forEach(
        (path, watchers) -> view.put(path, Collections.unmodifiableSet(watchers.keySet())));
    return view;
  }

  /** Forgets that {@code watcher} watches {@code path}; always true, for use in removeIf. */
  private boolean forget(Watcher watcher, String path) {
    Set<String> paths = byWatcher.get(watcher);
    if (paths != null) {
      paths.remove(path);
      if (paths.isEmpty()) {
        byWatcher.remove(watcher);
      }
    }
    return true;
  }

  private static String parentOf(String path) {
    if (path.equals("/")) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }
}

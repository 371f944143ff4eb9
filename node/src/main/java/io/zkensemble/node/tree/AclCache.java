package io.zkensemble.node.tree;

import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Interns ACL lists so that millions of znodes sharing an ACL hold one copy, as Apache's
 * ReferenceCountedACLCache does: each distinct list gets a long reference, counted by use, and the
 * reference -1 stands for world:anyone with all permissions. The numbering matches Apache's (1, 2,
 * 3... in order of first use) because snapshots store these references.
 */
public final class AclCache {
  /** Apache's OPEN_UNSAFE_ACL_ID. */
  public static final long OPEN_UNSAFE = -1L;

  /** All permissions: READ | WRITE | CREATE | DELETE | ADMIN (Apache's ZooDefs.Perms.ALL). */
  public static final int PERMS_ALL = 31;

  /** Apache's ZooDefs.Ids.OPEN_ACL_UNSAFE. */
  public static final List<ACL> OPEN_ACL_UNSAFE =
      List.of(new ACL(PERMS_ALL, new Id("world", "anyone")));

  private final Map<Long, List<ACL>> byRef = new HashMap<>();
  private final Map<List<ACL>, Long> byAcl = new HashMap<>();
  private final Map<Long, Long> useCounts = new HashMap<>();
  private long lastRef;

  /** Interns {@code acl} and counts one more use of it; null means {@link #OPEN_UNSAFE}. */
  public long use(List<ACL> acl) {
    if (acl == null) {
      return OPEN_UNSAFE;
    }
    Long ref = byAcl.get(acl);
    if (ref == null) {
      ref = ++lastRef;
      List<ACL> copy = List.copyOf(acl);
      byRef.put(ref, copy);
      byAcl.put(copy, ref);
    }
    useCounts.merge(ref, 1L, Long::sum);
    return ref;
  }

  /** Counts one use less; a list nobody uses any more is forgotten. */
  public void release(long ref) {
    if (ref == OPEN_UNSAFE) {
      return;
    }
    Long count = useCounts.get(ref);
    if (count == null) {
      return;
    }
    if (count > 1) {
      useCounts.put(ref, count - 1);
    } else {
      useCounts.remove(ref);
      byAcl.remove(byRef.remove(ref));
    }
  }

  public List<ACL> acl(long ref) {
    if (ref == OPEN_UNSAFE) {
      return OPEN_ACL_UNSAFE;
    }
    List<ACL> acl = byRef.get(ref);
    if (acl == null) {
      throw new IllegalStateException("no ACL for reference " + ref);
    }
    return acl;
  }

  public int size() {
    return byRef.size();
  }

  /** The interned lists by reference, in Apache's order (a HashMap copy, as it serializes). */
  public Map<Long, List<ACL>> byRef() {
    return new HashMap<>(byRef);
  }

  /** Loads an interned list from a snapshot, with no use counted yet. */
  void load(long ref, List<ACL> acl) {
    List<ACL> copy = List.copyOf(acl);
    byRef.put(ref, copy);
    byAcl.put(copy, ref);
    lastRef = Math.max(lastRef, ref);
  }

  /** Counts a use of {@code ref} by a node loaded from a snapshot; false for an unknown ref. */
  boolean addUsage(long ref) {
    if (ref == OPEN_UNSAFE) {
      return true;
    }
    if (!byRef.containsKey(ref)) {
      return false;
    }
    useCounts.merge(ref, 1L, Long::sum);
    return true;
  }

  /** Forgets lists no node uses (Apache's purgeUnused after loading a snapshot). */
  void purgeUnused() {
    Iterator<Map.Entry<Long, List<ACL>>> entries = byRef.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<Long, List<ACL>> entry = entries.next();
      if (!useCounts.containsKey(entry.getKey())) {
        byAcl.remove(entry.getValue());
        entries.remove();
      }
    }
  }

  void clear() {
    byRef.clear();
    byAcl.clear();
    useCounts.clear();
    lastRef = 0;
  }
}

package io.zkensemble.node.tree;

import io.zkensemble.node.wire.data.Stat;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * One znode: data, a reference into the {@link AclCache}, the persisted stat fields and the names
 * of its children. Only the {@link DataTree} changes it, on the thread that owns the tree.
 */
public final class DataNode {
  byte[] data;
  long aclRef;
  long czxid;
  long mzxid;
  long ctime;
  long mtime;
  int version;

  /** Counts child creations only; clients are shown {@code 2 * cversion - numChildren}. */
  int cversion;

  int aversion;
  long ephemeralOwner;
  long pzxid;
  private Set<String> children;

  DataNode(byte[] data, long aclRef) {
    this.data = data;
    this.aclRef = aclRef;
  }

  public byte[] data() {
    return data;
  }

  public long aclRef() {
    return aclRef;
  }

  public long ephemeralOwner() {
    return ephemeralOwner;
  }

  public int storedCversion() {
    return cversion;
  }

  public int version() {
    return version;
  }

  public long mzxid() {
    return mzxid;
  }

  public long pzxid() {
    return pzxid;
  }

  public int numChildren() {
    return children == null ? 0 : children.size();
  }

  public Set<String> children() {
    return children == null ? Set.of() : Collections.unmodifiableSet(children);
  }

  void addChild(String name) {
    if (children == null) {
      // Apache's initial capacity: the same children then iterate (and snapshot) in the same order.
      children = new HashSet<>(8);
    }
    children.add(name);
  }

  void removeChild(String name) {
    if (children != null) {
      children.remove(name);
    }
  }

  /**
   * The stat a client sees, as Apache's DataNode.copyStat builds it: cversion translated from the
   * count of creations to the count of changes; {@code visibleOwner} is the ephemeralOwner shown (0
   * for TTL and container nodes, whose owner field encodes their type, not a session).
   */
  Stat stat(long visibleOwner) {
    int numChildren = numChildren();
    return new Stat(
        czxid,
        mzxid,
        ctime,
        mtime,
        version,
        cversion * 2 - numChildren,
        aversion,
        visibleOwner,
        data == null ? 0 : data.length,
        numChildren,
        pzxid);
  }

  public long mtime() {
    return mtime;
  }

  public int aversion() {
    return aversion;
  }

  public int dataLength() {
    return data == null ? 0 : data.length;
  }
}

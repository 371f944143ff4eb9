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
      children = new HashSet<>(4);
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
   * count of creations to the count of changes, and the ephemeralOwner of TTL and container nodes
   * hidden (it encodes their type, not a session).
   */
  public Stat stat() {
    int numChildren = numChildren();
    return new Stat(
        czxid,
        mzxid,
        ctime,
        mtime,
        version,
        cversion * 2 - numChildren,
        aversion,
        EphemeralType.isSession(ephemeralOwner) ? ephemeralOwner : 0,
        data == null ? 0 : data.length,
        numChildren,
        pzxid);
  }
}

package io.zkensemble.node.testing;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * Every znode of a server as a client sees it: path, data, every Stat field (times included) and
 * the ACL, one line each in depth-first order with children sorted. Two servers hold the same data
 * exactly when their dumps are equal.
 */
public final class TreeDump {
  private TreeDump() {}

  public static List<String> of(ZooKeeper zk) throws Exception {
    return of(zk, "/");
  }

  /** The subtree under {@code root}. */
  public static List<String> of(ZooKeeper zk, String root) throws Exception {
    List<String> lines = new ArrayList<>();
    dump(zk, root, lines);
    return lines;
  }

  private static void dump(ZooKeeper zk, String path, List<String> lines) throws Exception {
    Stat stat = new Stat();
    List<ACL> acl = zk.getACL(path, stat);
    byte[] data = zk.getData(path, false, null);
    lines.add(
        path
            + " data="
            + (data == null ? "null" : HexFormat.of().formatHex(data))
            + " czxid="
            + Long.toHexString(stat.getCzxid())
            + " mzxid="
            + Long.toHexString(stat.getMzxid())
            + " pzxid="
            + Long.toHexString(stat.getPzxid())
            + " ctime="
            + stat.getCtime()
            + " mtime="
            + stat.getMtime()
            + " version="
            + stat.getVersion()
            + " cversion="
            + stat.getCversion()
            + " aversion="
            + stat.getAversion()
            + " owner="
            + Long.toHexString(stat.getEphemeralOwner())
            + " dataLength="
            + stat.getDataLength()
            + " numChildren="
            + stat.getNumChildren()
            + " acl="
            + acl);
    for (String child : zk.getChildren(path, false).stream().sorted().toList()) {
      dump(zk, path.equals("/") ? "/" + child : path + "/" + child, lines);
    }
  }
}

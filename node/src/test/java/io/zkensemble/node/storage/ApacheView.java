package io.zkensemble.node.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.zookeeper.server.DataNode;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;

/** A data directory as Apache ZooKeeper's own FileTxnSnapLog.restore reads it. */
final class ApacheView {
  final long lastZxid;
  final Map<String, String> contents = new TreeMap<>();

  private ApacheView(long lastZxid, DataTree tree) {
    this.lastZxid = lastZxid;
    walk(tree, "/");
  }

  static ApacheView of(Path dataDir) throws IOException {
    DataTree tree = new DataTree();
    FileTxnSnapLog files = new FileTxnSnapLog(dataDir.toFile(), dataDir.toFile());
    try {
      long last = files.restore(tree, new ConcurrentHashMap<>(), (header, txn, digest) -> {});
      return new ApacheView(last, tree);
    } finally {
      files.close();
    }
  }

  private void walk(DataTree tree, String path) {
    DataNode node = tree.getNode(path);
    byte[] data = node.getData();
    contents.put(path, data == null ? "" : new String(data, StandardCharsets.UTF_8));
    for (String child : node.getChildren().stream().sorted().toList()) {
      String childPath = path.equals("/") ? "/" + child : path + "/" + child;
      if (!childPath.equals("/zookeeper")) {
        walk(tree, childPath);
      }
    }
  }
}

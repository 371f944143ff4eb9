package io.zkensemble.node.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.zookeeper.data.Stat;

/**
 * The znodes a crash test expects under its root: writes applied by Apache's DataTree rules
 * (version, cversion, czxid/mzxid/pzxid), and the differences from a tree read back.
 */
final class ModelTree {
  /**
   * One expected node; its number of children follows from the tree.
   *
   * @param creations how many children it has had created, the number a sequential child gets; a
   *     client sees cversion = 2 * creations - numChildren (Apache's DataNode.copyStat), which
   *     counts deletions too
   */
  record Node(String data, int version, int creations, Zxid czxid, Zxid mzxid, Zxid pzxid) {}

  private final String root;
  private final TreeMap<String, Node> nodes;
  private long lastZxid;

  /** An empty tree: {@code root} does not exist yet. */
  ModelTree(String root) {
    this(root, new TreeMap<>(), 0);
  }

  private ModelTree(String root, TreeMap<String, Node> nodes, long lastZxid) {
    this.root = root;
    this.nodes = nodes;
    this.lastZxid = lastZxid;
  }

  ModelTree copy() {
    return new ModelTree(root, new TreeMap<>(nodes), lastZxid);
  }

  /** The highest zxid known exactly: acknowledged, or read back from a recovered tree. */
  long lastZxid() {
    return lastZxid;
  }

  Optional<Node> node(String path) {
    return Optional.ofNullable(nodes.get(path));
  }

  /** The paths of {@code parent}'s children, sorted. */
  List<String> children(String parent) {
    String prefix = parent + "/";
    // '0' follows '/' in ASCII: the range holds exactly the paths below parent.
    return nodes.subMap(prefix, true, parent + "0", false).keySet().stream()
        .filter(path -> path.indexOf('/', prefix.length()) < 0)
        .toList();
  }

  /** The path a sequential create of {@code prefix} gets now: the parent's creations as %010d. */
  String sequentialPath(String prefix) {
    return prefix + String.format(Locale.ROOT, "%010d", existing(parentOf(prefix)).creations());
  }

  /** Applies {@code write}, whose zxid is {@code zxid}; a write that cannot apply is a test bug. */
  void apply(Write write, Zxid zxid) {
    switch (write) {
      case Write.Create create -> create(create, zxid);
      case Write.SetData setData -> setData(setData, zxid);
      case Write.Delete delete -> delete(delete, zxid);
      case Write.Multi multi -> multi.writes().forEach(each -> apply(each, zxid));
    }
    if (zxid.exact()) {
      lastZxid = Math.max(lastZxid, zxid.value());
    }
  }

  /**
   * What differs between this tree and {@code observed} in paths, data, version, cversion,
   * numChildren, dataLength, aversion and ephemeralOwner (zxids are left to {@link #zxidProblems});
   * empty when nothing does.
   */
  List<String> differences(ObservedTree observed) {
    SortedSet<String> paths = new TreeSet<>(nodes.keySet());
    paths.addAll(observed.nodes().keySet());
    List<String> differences = new ArrayList<>();
    for (String path : paths) {
      Node expected = nodes.get(path);
      ObservedTree.Node actual = observed.nodes().get(path);
      if (actual == null) {
        differences.add("missing " + path + ": expected " + describe(path, expected));
      } else if (expected == null) {
        differences.add("unexpected " + path + ": " + describe(actual));
      } else {
        Stat stat = actual.stat();
        compare(differences, path, "data", Write.show(expected.data()), Write.show(actual.data()));
        compare(differences, path, "version", expected.version(), stat.getVersion());
        int numChildren = children(path).size();
        compare(differences, path, "cversion", cversion(expected, numChildren), stat.getCversion());
        compare(differences, path, "numChildren", numChildren, stat.getNumChildren());
        compare(
            differences,
            path,
            "dataLength",
            Write.bytes(expected.data()).length,
            stat.getDataLength());
        compare(differences, path, "aversion", 0, stat.getAversion());
        compare(differences, path, "ephemeralOwner", 0L, stat.getEphemeralOwner());
      }
    }
    return differences;
  }

  /**
   * For a tree without {@link #differences}: every czxid, mzxid and pzxid that does not match its
   * {@link Zxid}, a write seen with two zxids, and writes whose zxids are out of order; empty when
   * all is well.
   */
  List<String> zxidProblems(ObservedTree observed) {
    List<String> problems = new ArrayList<>();
    Map<Long, Long> zxidOfWrite = new TreeMap<>();
    nodes.forEach(
        (path, node) -> {
          Stat stat = observed.nodes().get(path).stat();
          check(problems, zxidOfWrite, path, "czxid", node.czxid(), stat.getCzxid());
          check(problems, zxidOfWrite, path, "mzxid", node.mzxid(), stat.getMzxid());
          check(problems, zxidOfWrite, path, "pzxid", node.pzxid(), stat.getPzxid());
        });
    long previousWrite = -1;
    long previousZxid = -1;
    for (Map.Entry<Long, Long> entry : zxidOfWrite.entrySet()) {
      if (entry.getValue() <= previousZxid) {
        problems.add(
            String.format(
                "write #%d has zxid 0x%x, not above the 0x%x of the earlier write #%d",
                entry.getKey(), entry.getValue(), previousZxid, previousWrite));
      }
      previousWrite = entry.getKey();
      previousZxid = entry.getValue();
    }
    return problems;
  }

  /** This tree with every zxid as {@code observed} shows it (call once it has no problems). */
  ModelTree adopt(ObservedTree observed) {
    TreeMap<String, Node> known = new TreeMap<>();
    long last = lastZxid;
    for (Map.Entry<String, Node> entry : nodes.entrySet()) {
      Node node = entry.getValue();
      Stat stat = observed.nodes().get(entry.getKey()).stat();
      known.put(
          entry.getKey(),
          new Node(
              node.data(),
              node.version(),
              node.creations(),
              Zxid.exact(node.czxid().write(), stat.getCzxid()),
              Zxid.exact(node.mzxid().write(), stat.getMzxid()),
              Zxid.exact(node.pzxid().write(), stat.getPzxid())));
      last = Math.max(last, Math.max(stat.getMzxid(), stat.getPzxid()));
    }
    return new ModelTree(root, known, last);
  }

  private void create(Write.Create create, Zxid zxid) {
    String path = create.path();
    if (nodes.containsKey(path)) {
      throw new IllegalStateException("test bug: " + create.describe() + ": it exists");
    }
    if (!path.equals(root)) {
      String parentPath = parentOf(path);
      Node parent = existing(parentPath);
      if (create.sequential() && !path.equals(sequentialPath(create.requestPath()))) {
        throw new IllegalStateException(
            "test bug: "
                + create.describe()
                + ": the name is "
                + sequentialPath(create.requestPath()));
      }
      nodes.put(
          parentPath,
          new Node(
              parent.data(),
              parent.version(),
              parent.creations() + 1,
              parent.czxid(),
              parent.mzxid(),
              zxid));
    }
    nodes.put(path, new Node(create.data(), 0, 0, zxid, zxid, zxid));
  }

  private void setData(Write.SetData setData, Zxid zxid) {
    Node node = existing(setData.path());
    checkVersion(setData, node, setData.expectedVersion());
    nodes.put(
        setData.path(),
        new Node(
            setData.data(),
            node.version() + 1,
            node.creations(),
            node.czxid(),
            zxid,
            node.pzxid()));
  }

  private void delete(Write.Delete delete, Zxid zxid) {
    String path = delete.path();
    Node node = existing(path);
    checkVersion(delete, node, delete.expectedVersion());
    if (!children(path).isEmpty()) {
      throw new IllegalStateException("test bug: " + delete.describe() + ": it has children");
    }
    nodes.remove(path);
    if (!path.equals(root)) {
      // Apache's deleteNode moves the parent's pzxid; the creation count stays.
      String parentPath = parentOf(path);
      Node parent = existing(parentPath);
      nodes.put(
          parentPath,
          new Node(
              parent.data(),
              parent.version(),
              parent.creations(),
              parent.czxid(),
              parent.mzxid(),
              zxid));
    }
  }

  private static void checkVersion(Write write, Node node, int expectedVersion) {
    if (expectedVersion != -1 && node.version() != expectedVersion) {
      throw new IllegalStateException(
          "test bug: " + write.describe() + ": the version is " + node.version());
    }
  }

  private Node existing(String path) {
    Node node = nodes.get(path);
    if (node == null) {
      throw new IllegalStateException("test bug: " + path + " does not exist in the model");
    }
    return node;
  }

  private static String parentOf(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  private static void compare(
      List<String> differences, String path, String field, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      differences.add(path + ": " + field + " expected " + expected + ", was " + actual);
    }
  }

  private static void check(
      List<String> problems,
      Map<Long, Long> zxidOfWrite,
      String path,
      String field,
      Zxid expected,
      long actual) {
    if (!expected.admits(actual)) {
      problems.add(String.format("%s: %s expected %s, was 0x%x", path, field, expected, actual));
    }
    Long earlier = zxidOfWrite.putIfAbsent(expected.write(), actual);
    if (earlier != null && earlier != actual) {
      problems.add(
          String.format(
              "%s: %s is 0x%x, but write #%d shows as 0x%x elsewhere",
              path, field, actual, expected.write(), earlier));
    }
  }

  private String describe(String path, Node node) {
    return String.format(
        "data %s, version %d, cversion %d, czxid %s, mzxid %s",
        Write.show(node.data()),
        node.version(),
        cversion(node, children(path).size()),
        node.czxid(),
        node.mzxid());
  }

  private static int cversion(Node node, int numChildren) {
    return 2 * node.creations() - numChildren;
  }

  private static String describe(ObservedTree.Node node) {
    Stat stat = node.stat();
    return String.format(
        "data %s, version %d, cversion %d, czxid 0x%x, mzxid 0x%x",
        Write.show(node.data()),
        stat.getVersion(),
        stat.getCversion(),
        stat.getCzxid(),
        stat.getMzxid());
  }
}

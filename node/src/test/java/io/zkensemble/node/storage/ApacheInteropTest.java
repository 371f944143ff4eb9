package io.zkensemble.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.ApacheNode;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.DataScenario;
import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.TreeDump;
import io.zkensemble.node.testing.ZkServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.persistence.SnapStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The data directory is Apache ZooKeeper's: a directory our node wrote opens in Apache 3.9.5 with
 * every znode, Stat and ACL, one Apache wrote opens in ours the same way, and Apache's own tools
 * read our log and snapshot files without complaint. Snapshot compression included.
 */
class ApacheInteropTest {
  private final Path dataDir = TestFiles.tempDir("interop");

  @AfterEach
  void deleteDataDir() {
    TestFiles.deleteRecursively(dataDir);
  }

  @Test
  void apacheOpensADataDirectoryWeWrote() throws Exception {
    TestNode ours = TestNode.startIn(dataDir, "snapCount=60");
    List<String> written = writeAndDump(ours);
    ours.stop();
    ApacheNode apache = ApacheNode.startIn(dataDir, 2000);
    try {
      Parity.assertSameLines("written", written, "read", dump(apache));
    } finally {
      apache.stop();
    }
  }

  @Test
  void weOpenADataDirectoryApacheWrote() throws Exception {
    ApacheNode apache = ApacheNode.startIn(dataDir, 2000);
    List<String> written;
    try {
      written = writeAndDump(apache);
    } finally {
      apache.stop();
    }
    TestNode ours = TestNode.startIn(dataDir);
    try {
      Parity.assertSameLines("written", written, "read", dump(ours));
    } finally {
      ours.stop();
    }
  }

  @Test
  void compressedSnapshotsGoBothWays() throws Exception {
    for (String method : List.of("gz", "snappy")) {
      Path ourDir = dataDir.resolve("ours-" + method);
      TestNode ours = TestNode.startIn(ourDir, "snapshot.compression.method=" + method);
      List<String> written = writeAndDump(ours);
      ours.stop();
      assertTrue(
          DataFiles.snapshots(ourDir.resolve("version-2")).get(0).toString().endsWith("." + method),
          "our snapshot is " + method);
      ApacheNode apache = ApacheNode.startIn(ourDir, 2000);
      try {
        Parity.assertSameLines("written-" + method, written, "read-" + method, dump(apache));
      } finally {
        apache.stop();
      }

      Path apacheDir = dataDir.resolve("apache-" + method);
      SnapStream.setStreamMode(SnapStream.StreamMode.fromString(method));
      try {
        apache = ApacheNode.startIn(apacheDir, 2000);
        try {
          written = writeAndDump(apache);
        } finally {
          apache.stop();
        }
      } finally {
        SnapStream.setStreamMode(SnapStream.StreamMode.CHECKED);
      }
      assertTrue(
          DataFiles.snapshots(apacheDir.resolve("version-2"))
              .get(0)
              .toString()
              .endsWith("." + method),
          "Apache's snapshot is " + method);
      // Apache's start-up snapshot of the empty tree is the only snapshot: our node reads it and
      // replays the whole log. Start it again to read the compressed snapshot Apache left.
      ours = TestNode.startIn(apacheDir);
      try {
        Parity.assertSameLines("written-" + method, written, "read-" + method, dump(ours));
      } finally {
        ours.stop();
      }
    }
  }

  @Test
  void apachesToolsReadOurFiles() throws Exception {
    TestNode ours = TestNode.startIn(dataDir, "snapCount=60");
    writeAndDump(ours);
    ours.stop();
    Path version2 = dataDir.resolve("version-2");
    for (Path log : DataFiles.logs(version2)) {
      String out = run("org.apache.zookeeper.server.persistence.TxnLogToolkit", log.toString());
      assertFalse(out.contains("CRC"), out);
      assertTrue(out.contains("EOF reached after"), out);
    }
    Path log = DataFiles.logs(version2).get(0);
    String first = run("org.apache.zookeeper.server.persistence.TxnLogToolkit", log.toString());
    assertTrue(first.contains("createSession"), first);
    assertTrue(first.contains("/app"), first);
    Path snapshot = DataFiles.snapshots(version2).get(0);
    String formatted =
        run("org.apache.zookeeper.server.SnapshotFormatter", "-d", snapshot.toString());
    assertTrue(formatted.contains("/app/zürich-東京"), formatted);
    assertTrue(formatted.contains("Session Details (sid, timeout, ephemeralCount)"), formatted);
  }

  /** Writes the scenario and closes that session (its ephemerals go), then dumps the result. */
  private static List<String> writeAndDump(ZkServer server) throws Exception {
    try (ZooKeeper zk = Clients.connect(server)) {
      DataScenario.write(zk, 11);
    }
    return dump(server);
  }

  private static List<String> dump(ZkServer server) throws Exception {
    try (ZooKeeper zk = Clients.connect(server)) {
      zk.addAuthInfo("digest", DataScenario.READER.getBytes());
      return TreeDump.of(zk);
    }
  }

  /** Runs an Apache tool from the test class path; returns what it printed. */
  private static String run(String mainClass, String... args) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp",
                classpath,
                mainClass));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("tool", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      process.getOutputStream().close();
      assertTrue(process.waitFor(Clients.WAIT_SECONDS, TimeUnit.SECONDS), mainClass + " finished");
      String out = Files.readString(output);
      assertEquals(0, process.exitValue(), out);
      return out;
    } finally {
      Files.delete(output);
    }
  }
}

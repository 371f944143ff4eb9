package io.zkensemble.node.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.DataScenario;
import io.zkensemble.node.testing.RawClient;
import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.TreeDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.CreateRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a node was told survives its restart, exactly, and it goes on from there. */
class PersistenceTest {
  private final Path dataDir = TestFiles.tempDir("persistence");

  @AfterEach
  void deleteDataDir() {
    TestFiles.deleteRecursively(dataDir);
  }

  @Test
  void aRestartKeepsEveryNodeStatAndAclWhileLogsRollAndSnapshotsAreTaken() throws Exception {
    List<String> before;
    TestNode node = TestNode.startIn(dataDir, "snapCount=40");
    try (ZooKeeper zk = Clients.connect(node)) {
      DataScenario.write(zk, 7);
      before = TreeDump.of(zk);
      node.stop();
    }
    Path version2 = dataDir.resolve("version-2");
    assertTrue(DataFiles.logs(version2).size() > 2, "snapCount=40 rolled the log several times");
    assertTrue(DataFiles.snapshots(version2).size() > 2, "and took snapshots");
    node = TestNode.startIn(dataDir, "snapCount=40");
    try (ZooKeeper zk = Clients.connect(node)) {
      zk.addAuthInfo("digest", DataScenario.READER.getBytes());
      assertEquals(String.join("\n", before), String.join("\n", TreeDump.of(zk)));
    } finally {
      node.stop();
    }
  }

  @Test
  void zxidsGoOnUpwardAfterARestart() throws Exception {
    long lastBefore;
    TestNode node = TestNode.startIn(dataDir);
    try (ZooKeeper zk = Clients.connect(node)) {
      Stat stat = new Stat();
      for (int i = 0; i < 10; i++) {
        zk.create("/n" + i, null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
      }
      lastBefore = stat.getCzxid();
    }
    node.stop();
    node = TestNode.startIn(dataDir);
    try (ZooKeeper zk = Clients.connect(node)) {
      Stat stat = new Stat();
      zk.create("/after", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
      assertTrue(stat.getCzxid() > lastBefore, stat.getCzxid() + " > " + lastBefore);
    } finally {
      node.stop();
    }
  }

  /**
   * Sessions are in the snapshot and the log: after a restart a client resumes its session with its
   * ephemerals, and a session nobody resumes expires after its timeout as usual.
   */
  @Test
  void sessionsSurviveARestartAndThenExpireAsUsual() throws Exception {
    TestNode node = TestNode.startIn(dataDir, "tickTime=100");
    ConnectResponse kept = ephemeralSession(node, "/kept", 4000);
    ephemeralSession(node, "/abandoned", 600);
    node.stop();

    node = TestNode.startIn(dataDir, "tickTime=100");
    try (ZooKeeper observer = Clients.connect(node)) {
      assertNotNull(observer.exists("/kept", false));
      assertNotNull(observer.exists("/abandoned", false), "its session outlived the restart");
      BlockingQueue<WatchedEvent> events = Clients.queue();
      try (ZooKeeper resumed =
          new ZooKeeper(
              node.connectString(), 4000, events::add, kept.getSessionId(), kept.getPasswd())) {
        assertEquals(KeeperState.SyncConnected, Clients.next(events).getState());
        assertEquals(kept.getSessionId(), resumed.exists("/kept", false).getEphemeralOwner());
        await()
            .atMost(Duration.ofSeconds(Clients.WAIT_SECONDS))
            .until(() -> observer.exists("/abandoned", false) == null);
        assertNotNull(observer.exists("/kept", false), "the resumed session lives on");
      }
    } finally {
      node.stop();
    }
  }

  /** A raw session that creates an ephemeral and then goes quiet (its socket closes at stop). */
  private static ConnectResponse ephemeralSession(TestNode node, String path, int timeout) {
    RawClient client = RawClient.open(node);
    client.sendFrame(RawClient.bytes(new ConnectRequest(0, 0, timeout, 0, new byte[16], false)));
    ConnectResponse session = new ConnectResponse();
    client.readRecord(session);
    client.send(
        1, OpCode.create, new CreateRequest(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, 1));
    assertEquals(0, client.readReply(null).getErr());
    return session;
  }

  @Test
  void aFreshDataDirectoryGetsApachesLayout() throws Exception {
    TestNode node = TestNode.startIn(dataDir);
    try (ZooKeeper zk = Clients.connect(node)) {
      zk.create("/x", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    } finally {
      node.stop();
    }
    Path version2 = dataDir.resolve("version-2");
    assertTrue(
        Files.exists(version2.resolve("snapshot.0")), "the start-up snapshot of an empty tree");
    List<Path> logs = DataFiles.logs(version2);
    assertEquals(List.of("log.1"), logs.stream().map(p -> p.getFileName().toString()).toList());
    assertFalse(Files.exists(version2.resolve("snapshot.0.tmp")));
  }
}

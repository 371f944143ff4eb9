package io.zkensemble.node.quorum;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.admin.MetricsSource;
import io.zkensemble.node.admin.MonitorValues;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestEnsemble;
import io.zkensemble.node.testing.TreeDump;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * Replicated ensembles in one JVM, through the Apache client and Curator: leader election, writes
 * through every server, sync, sessions that move between servers, observers, failover.
 */
class EnsembleTest {
  private static final Duration FORMED = Duration.ofSeconds(30);

  @Test
  void threeServersElectOneLeaderAndReplicateEveryWrite() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      long leader = awaitLeader(ensemble);
      for (long id : ensemble.ids()) {
        await().atMost(FORMED).until(() -> ensemble.mode(id) != null);
        assertEquals(id == leader ? "leader" : "follower", ensemble.mode(id), "server " + id);
      }
      List<ZooKeeper> clients = connectEach(ensemble);
      try {
        clients
            .get(0)
            .create("/t", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (int i = 0; i < clients.size(); i++) {
          clients
              .get(i)
              .create(
                  "/t/via" + i, bytes("v" + i), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        for (ZooKeeper client : clients) {
          sync(client, "/");
          for (int i = 0; i < clients.size(); i++) {
            assertArrayEquals(bytes("v" + i), client.getData("/t/via" + i, false, null));
          }
        }
        // The leader timed each proposal until its quorum of acknowledgements.
        long timed =
            ensemble
                .fourLetterWord(leader, "mntr")
                .lines()
                .filter(line -> line.startsWith("zk_cnt_quorum_ack_latency\t"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf('\t') + 1)))
                .sum();
        assertTrue(timed >= 1 + clients.size(), "quorum_ack_latency counted " + timed);
        MonitorValues leaderValues =
            new MetricsSource(ensemble.node(leader))
                .collect()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Set<Long> followers = new HashSet<>(ensemble.ids());
        followers.remove(leader);
        assertEquals(followers, leaderValues.followerLag().keySet(), "lag of each follower");
        // /zookeeper/config differs in mtime between servers, as Apache's does.
        List<String> first = TreeDump.of(clients.get(0), "/t");
        for (ZooKeeper client : clients) {
          sync(client, "/");
          assertEquals(first, TreeDump.of(client, "/t"));
        }
      } finally {
        closeAll(clients);
      }
    }
  }

  /**
   * A follower forwards writes and answers reads itself, yet a session sees its requests answered
   * in order and reads its own writes (Apache's CommitProcessor rule).
   */
  @Test
  void aSessionOnAFollowerReadsItsOwnWritesInOrder() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      long leader = awaitLeader(ensemble);
      long follower = ensemble.ids().stream().filter(id -> id != leader).findFirst().get();
      await().atMost(FORMED).until(() -> "follower".equals(ensemble.mode(follower)));
      ZooKeeper client = Clients.connect(ensemble.connectString(follower), 10_000, e -> {});
      try {
        client.create("/order", bytes("-1"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> last = new CompletableFuture<>();
        int rounds = 200;
        for (int i = 0; i < rounds; i++) {
          String value = Integer.toString(i);
          client.setData(
              "/order",
              bytes(value),
              -1,
              (rc, path, ctx, stat) -> answers.add("set " + value),
              null);
          boolean end = i == rounds - 1;
          client.getData(
              "/order",
              false,
              (rc, path, ctx, data, stat) -> {
                answers.add("got " + new String(data, StandardCharsets.UTF_8));
                if (end) {
                  last.complete(null);
                }
              },
              null);
        }
        last.get(30, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          expected.add("set " + i);
          expected.add("got " + i);
        }
        assertEquals(expected, answers);
      } finally {
        client.close();
      }
    }
  }

  @Test
  void sequentialNodesAreUniqueAcrossServers() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      awaitLeader(ensemble);
      List<ZooKeeper> clients = connectEach(ensemble);
      try {
        clients
            .get(0)
            .create("/seq", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
          for (ZooKeeper client : clients) {
            created.add(
                CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return client.create(
                            "/seq/n-",
                            new byte[0],
                            ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT_SEQUENTIAL);
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    }));
          }
        }
        Set<String> names = new HashSet<>();
        for (CompletableFuture<String> name : created) {
          names.add(name.get(30, TimeUnit.SECONDS));
        }
        assertEquals(created.size(), names.size());
        for (ZooKeeper client : clients) {
          sync(client, "/seq");
          assertEquals(names.size(), client.getChildren("/seq", false).size());
        }
      } finally {
        closeAll(clients);
      }
    }
  }

  @Test
  void aSessionMovesToAnotherServerWithItsEphemerals() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      long leader = awaitLeader(ensemble);
      long follower = ensemble.ids().stream().filter(id -> id != leader).findFirst().get();
      ZooKeeper first = Clients.connect(ensemble.connectString(follower), 10_000, e -> {});
      try {
        first.create("/eph", bytes("mine"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        long session = first.getSessionId();
        ZooKeeper moved =
            new ZooKeeper(
                ensemble.connectString(leader), 10_000, e -> {}, session, first.getSessionPasswd());
        try {
          await().atMost(FORMED).until(() -> moved.getState().isConnected());
          assertEquals(session, moved.getSessionId());
          assertEquals(session, moved.exists("/eph", false).getEphemeralOwner());
          moved.setData("/eph", bytes("still mine"), -1);
        } finally {
          moved.close();
        }
        ZooKeeper other = Clients.connect(ensemble.connectString(), 10_000, e -> {});
        try {
          await().atMost(FORMED).until(() -> other.exists("/eph", false) == null);
        } finally {
          other.close();
        }
      } finally {
        first.close();
      }
    }
  }

  /**
   * The leader alone expires sessions: a busy client of a follower keeps its session well past its
   * timeout (the follower reports the activity in its ping replies), and once its server is gone
   * the leader expires it and its ephemeral goes everywhere.
   */
  @Test
  void followersKeepTheirClientsSessionsAliveUntilTheLeaderExpiresThem() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      long leader = awaitLeader(ensemble);
      long follower = ensemble.ids().stream().filter(id -> id != leader).findFirst().get();
      await().atMost(FORMED).until(() -> "follower".equals(ensemble.mode(follower)));
      // tickTime 200: the session timeout is clamped to at least 400 ms.
      ZooKeeper busy = Clients.connect(ensemble.connectString(follower), 400, e -> {});
      ZooKeeper observer = Clients.connect(ensemble.connectString(leader), 10_000, e -> {});
      try {
        busy.create("/busy", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        long session = busy.getSessionId();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end) {
          busy.exists("/busy", false);
          assertEquals(session, observer.exists("/busy", false).getEphemeralOwner());
        }
        ensemble.stopServer(follower);
        await().atMost(FORMED).until(() -> observer.exists("/busy", false) == null);
      } finally {
        busy.close();
        observer.close();
      }
    }
  }

  /** Apache's testSessionMove: once the session moved on, its old server may not write for it. */
  @Test
  void aWriteThroughTheServerASessionLeftIsRefusedWithSessionMoved() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      long leader = awaitLeader(ensemble);
      List<Long> followers = ensemble.ids().stream().filter(id -> id != leader).toList();
      for (long id : followers) {
        await().atMost(FORMED).until(() -> ensemble.mode(id) != null);
      }
      ZooKeeper first = Clients.connect(ensemble.connectString(followers.get(0)), 10_000, e -> {});
      try {
        first.create("/moving", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        ZooKeeper second =
            new ZooKeeper(
                ensemble.connectString(followers.get(1)),
                10_000,
                e -> {},
                first.getSessionId(),
                first.getSessionPasswd());
        try {
          await().atMost(FORMED).until(() -> second.getState().isConnected());
          second.setData("/moving", bytes("second"), -1);
          KeeperException refused =
              assertThrows(
                  KeeperException.class, () -> first.setData("/moving", bytes("first"), -1));
          assertEquals(KeeperException.Code.SESSIONMOVED, refused.code());
          assertArrayEquals(bytes("second"), second.getData("/moving", false, null));
        } finally {
          second.close();
        }
      } finally {
        first.close();
      }
    }
  }

  /**
   * readonlymode.enabled: a server cut off from its quorum serves reads to read-only clients and
   * refuses their writes with NotReadOnly, until the quorum is back.
   */
  @Test
  void aServerCutOffFromItsQuorumServesReadOnlyClients() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0, "readonlymode.enabled=true")) {
      long leader = awaitLeader(ensemble);
      long follower = ensemble.ids().stream().filter(id -> id != leader).findFirst().get();
      await().atMost(FORMED).until(() -> "follower".equals(ensemble.mode(follower)));
      assertEquals("rw", ensemble.fourLetterWord(follower, "isro"));
      ZooKeeper reader = new ZooKeeper(ensemble.connectString(follower), 10_000, e -> {}, true);
      try {
        await().atMost(FORMED).until(() -> reader.getState().isConnected());
        reader.create("/kept", bytes("data"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (long id : ensemble.ids()) {
          if (id != follower) {
            ensemble.stopServer(id);
          }
        }
        await().atMost(FORMED).until(() -> "ro".equals(ensemble.fourLetterWord(follower, "isro")));
        assertEquals("read-only", ensemble.mode(follower));
        await().atMost(FORMED).until(() -> reader.getState() == ZooKeeper.States.CONNECTEDREADONLY);
        assertArrayEquals(bytes("data"), reader.getData("/kept", false, null));
        assertThrows(
            KeeperException.NotReadOnlyException.class,
            () -> reader.setData("/kept", bytes("refused"), -1));
        for (long id : ensemble.ids()) {
          if (id != follower) {
            ensemble.startServer(id);
          }
        }
        await().atMost(FORMED).until(() -> "rw".equals(ensemble.fourLetterWord(follower, "isro")));
      } finally {
        reader.close();
      }
    }
  }

  @Test
  void observersServeReadsAndForwardWritesWithoutVoting() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 2)) {
      awaitLeader(ensemble);
      for (long id : List.of(4L, 5L)) {
        await().atMost(FORMED).until(() -> "observer".equals(ensemble.mode(id)));
      }
      ZooKeeper viaObserver = Clients.connect(ensemble.connectString(4), 10_000, e -> {});
      ZooKeeper viaFollower = Clients.connect(ensemble.connectString(1), 10_000, e -> {});
      try {
        viaObserver.create(
            "/from-observer", bytes("o"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        sync(viaFollower, "/");
        assertArrayEquals(bytes("o"), viaFollower.getData("/from-observer", false, null));
        viaFollower.create(
            "/from-follower", bytes("f"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        ZooKeeper otherObserver = Clients.connect(ensemble.connectString(5), 10_000, e -> {});
        try {
          sync(otherObserver, "/");
          assertArrayEquals(bytes("f"), otherObserver.getData("/from-follower", false, null));
        } finally {
          otherObserver.close();
        }
      } finally {
        viaObserver.close();
        viaFollower.close();
      }
      // Two observers down changes nothing for the voters' quorum.
      ensemble.stopServer(4);
      ensemble.stopServer(5);
      ZooKeeper client = Clients.connect(ensemble.connectString(2), 10_000, e -> {});
      try {
        client.create(
            "/without-observers", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      } finally {
        client.close();
      }
    }
  }

  @Test
  void anotherLeaderTakesOverWithEveryCommittedWrite() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      long leader = awaitLeader(ensemble);
      ZooKeeper client = Clients.connect(ensemble.connectString(), 10_000, e -> {});
      try {
        for (int i = 0; i < 50; i++) {
          client.create(
              "/before-" + i, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
      } finally {
        client.close();
      }
      ensemble.stopServer(leader);
      long next = awaitLeader(ensemble);
      assertNotEquals(leader, next);
      ZooKeeper after = Clients.connect(ensemble.connectString(), 10_000, e -> {});
      try {
        for (int i = 0; i < 50; i++) {
          assertNotNull(after.exists("/before-" + i, false), "/before-" + i);
        }
        after.create("/after", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      } finally {
        after.close();
      }
      ensemble.startServer(leader);
      await().atMost(FORMED).until(() -> "follower".equals(ensemble.mode(leader)));
      ZooKeeper rejoined = Clients.connect(ensemble.connectString(leader), 10_000, e -> {});
      try {
        sync(rejoined, "/");
        assertNotNull(rejoined.exists("/after", false));
        assertNotNull(rejoined.exists("/before-49", false));
      } finally {
        rejoined.close();
      }
    }
  }

  @Test
  void curatorLockAndLeaderLatchWorkAcrossServers() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      awaitLeader(ensemble);
      List<CuratorFramework> curators = new ArrayList<>();
      try {
        for (long id : ensemble.ids()) {
          CuratorFramework curator =
              CuratorFrameworkFactory.newClient(
                  ensemble.connectString(id), new ExponentialBackoffRetry(100, 3));
          curator.start();
          assertTrue(curator.blockUntilConnected(30, TimeUnit.SECONDS));
          curators.add(curator);
        }
        int[] counter = {0};
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (CuratorFramework curator : curators) {
          InterProcessMutex lock = new InterProcessMutex(curator, "/lock");
          workers.add(
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      for (int i = 0; i < 20; i++) {
                        lock.acquire();
                        try {
                          int seen = counter[0];
                          counter[0] = seen + 1;
                        } finally {
                          lock.release();
                        }
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }));
        }
        for (CompletableFuture<Void> worker : workers) {
          worker.get(60, TimeUnit.SECONDS);
        }
        assertEquals(20 * curators.size(), counter[0]);
        List<LeaderLatch> latches = new ArrayList<>();
        for (CuratorFramework curator : curators) {
          LeaderLatch latch = new LeaderLatch(curator, "/latch");
          latch.start();
          latches.add(latch);
        }
        await()
            .atMost(FORMED)
            .until(() -> latches.stream().filter(LeaderLatch::hasLeadership).count() == 1);
        for (LeaderLatch latch : latches) {
          latch.close();
        }
      } finally {
        curators.forEach(CuratorFramework::close);
      }
    }
  }

  private static long awaitLeader(TestEnsemble ensemble) {
    await().atMost(FORMED).pollInterval(Duration.ofMillis(50)).until(() -> ensemble.leader() != -1);
    return ensemble.leader();
  }

  private static List<ZooKeeper> connectEach(TestEnsemble ensemble) {
    List<ZooKeeper> clients = new ArrayList<>();
    for (long id : ensemble.ids()) {
      await().atMost(FORMED).until(() -> ensemble.mode(id) != null);
      clients.add(Clients.connect(ensemble.connectString(id), 10_000, e -> {}));
    }
    return clients;
  }

  private static void sync(ZooKeeper client, String path) throws Exception {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    client.sync(path, (rc, p, ctx) -> done.complete(rc), null);
    assertEquals(0, done.get(30, TimeUnit.SECONDS));
  }

  private static void closeAll(List<ZooKeeper> clients) throws InterruptedException {
    for (ZooKeeper client : clients) {
      client.close();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

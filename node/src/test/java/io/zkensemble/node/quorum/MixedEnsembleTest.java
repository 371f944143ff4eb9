package io.zkensemble.node.quorum;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestEnsemble;
import io.zkensemble.node.testing.TreeDump;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * Mixed ensembles with Apache ZooKeeper 3.9.5 as the judge of wire compatibility: election,
 * discovery, sync and broadcast between the two implementations, writes through each kind seen
 * through the other, and a leader failover in each case.
 */
class MixedEnsembleTest {
  private static final Duration FORMED = Duration.ofSeconds(60);

  @Test
  void twoOfOursAndOneApacheFormAQuorum() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0, Set.of(2L))) {
      awaitLeader(ensemble);
      exercise(ensemble, "ours and apache", 1, 2);
    }
  }

  @Test
  void oursFollowsTwoApacheServers() throws Exception {
    // With equal logs the highest id wins the election, so an Apache server leads.
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0, Set.of(2L, 3L))) {
      long leader = awaitLeader(ensemble);
      assertEquals(3, leader);
      await().atMost(FORMED).until(() -> "follower".equals(ensemble.mode(1)));
      exercise(ensemble, "apache leader", 2, 1);
    }
  }

  /** Three Apache voters, so that one can fail: two would lose their quorum with their leader. */
  @Test
  void oursObservesApacheServers() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 1, Set.of(1L, 2L, 3L))) {
      awaitLeader(ensemble);
      await().atMost(FORMED).until(() -> "observer".equals(ensemble.mode(4)));
      exercise(ensemble, "apache leader, our observer", 4, 1);
    }
  }

  /**
   * Writes through every server, read back through every server after sync; a session moves from
   * server {@code from} to {@code to} (one of each kind) with its ephemeral; then the leader is
   * stopped, another takes over with everything, and writes go on through the survivors.
   */
  private static void exercise(TestEnsemble ensemble, String label, long from, long to)
      throws Exception {
    List<Long> ids = ensemble.ids();
    for (long id : ids) {
      await().atMost(FORMED).until(() -> ensemble.mode(id) != null);
    }
    writeThroughEachAndCompare(ensemble, ids, "/" + label.replace(' ', '-').replace(",", ""));
    moveSession(ensemble, from, to);
    long leader = ensemble.leader();
    ensemble.stopServer(leader);
    long next = awaitLeader(ensemble);
    assertNotEquals(leader, next, label);
    List<Long> survivors = ids.stream().filter(id -> id != leader).toList();
    for (long id : survivors) {
      await().atMost(FORMED).until(() -> ensemble.mode(id) != null);
    }
    writeThroughEachAndCompare(ensemble, survivors, "/after-failover");
    ensemble.startServer(leader);
    await().atMost(FORMED).until(() -> ensemble.mode(leader) != null);
    writeThroughEachAndCompare(ensemble, ids, "/after-rejoin");
  }

  private static void writeThroughEachAndCompare(TestEnsemble ensemble, List<Long> ids, String root)
      throws Exception {
    List<ZooKeeper> clients = new ArrayList<>();
    try {
      for (long id : ids) {
        clients.add(Clients.connect(ensemble.connectString(id), 10_000, e -> {}));
      }
      clients.get(0).create(root, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      for (int i = 0; i < clients.size(); i++) {
        clients
            .get(i)
            .create(
                root + "/via-" + ids.get(i),
                bytes("from " + ids.get(i)),
                ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT);
      }
      List<String> expected = null;
      for (ZooKeeper client : clients) {
        sync(client, root);
        for (long id : ids) {
          assertArrayEquals(
              bytes("from " + id), client.getData(root + "/via-" + id, false, null), root);
        }
        List<String> dump = TreeDump.of(client, root);
        if (expected == null) {
          expected = dump;
        }
        assertEquals(expected, dump, root);
      }
    } finally {
      for (ZooKeeper client : clients) {
        client.close();
      }
    }
  }

  /**
   * The leader learns of the move through REVALIDATE and accepts the session's writes from {@code
   * to}.
   */
  private static void moveSession(TestEnsemble ensemble, long from, long to) throws Exception {
    ZooKeeper first = Clients.connect(ensemble.connectString(from), 10_000, e -> {});
    try {
      String path = "/moving-" + from + "-" + to;
      first.create(path, bytes("created"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      ZooKeeper moved =
          new ZooKeeper(
              ensemble.connectString(to),
              10_000,
              e -> {},
              first.getSessionId(),
              first.getSessionPasswd());
      try {
        await().atMost(FORMED).until(() -> moved.getState().isConnected());
        assertEquals(first.getSessionId(), moved.getSessionId());
        moved.setData(path, bytes("moved"), -1);
        assertEquals(first.getSessionId(), moved.exists(path, false).getEphemeralOwner());
      } finally {
        moved.close();
      }
    } finally {
      first.close();
    }
  }

  private static long awaitLeader(TestEnsemble ensemble) {
    await().atMost(FORMED).pollInterval(Duration.ofMillis(50)).until(() -> ensemble.leader() != -1);
    return ensemble.leader();
  }

  private static void sync(ZooKeeper client, String path) throws Exception {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    client.sync(path, (rc, p, ctx) -> done.complete(rc), null);
    assertEquals(0, done.get(30, TimeUnit.SECONDS));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ensemble harness on Apache ZooKeeper 3.9.5 itself, the reference our node's ensembles will be
 * held to: three participants form a quorum and replicate, a new leader takes over when the leader
 * is killed, and the killed server, its data wiped, catches up when it comes back.
 */
class ApacheEnsembleIT {
  @TempDir Path dir;

  @Test
  void replicatesAndSurvivesTheLeadersCrash() throws Exception {
    try (Ensemble ensemble = ApacheEnsemble.of(dir, 3, 0)) {
      ensemble.start();
      int leader = ensemble.waitForLeader();
      List<Integer> followers = ensemble.ids().stream().filter(id -> id != leader).toList();

      byte[] before = "written before the crash".getBytes(StandardCharsets.UTF_8);
      create(ensemble.connectString(followers.get(0)), "/before", before);
      try (ZooKeeper zk =
          Clients.connect(ensemble.connectString(followers.get(1)), 30_000, e -> {})) {
        zk.sync("/before", (rc, path, ctx) -> {}, null);
        assertArrayEquals(
            before, zk.getData("/before", false, null), "read through another server");
      }
      assertSameTrees(ensemble);

      ensemble.kill9(leader);
      int newLeader = ensemble.waitForLeader();
      assertNotEquals(leader, newLeader, "a surviving server leads");
      byte[] during = "written while server down".getBytes(StandardCharsets.UTF_8);
      create(ensemble.connectString(), "/during", during);

      ensemble.wipeData(leader);
      ensemble.restart(leader);
      ensemble.waitUntilAllServing();
      assertEquals(newLeader, ensemble.waitForLeader(), "the returning server does not take over");
      SortedMap<String, Ensemble.Znode> tree = assertSameTrees(ensemble);
      assertEquals("written while server down", tree.get("/during").data());
    }
  }

  private static void create(String connectString, String path, byte[] data) throws Exception {
    try (ZooKeeper zk = Clients.connect(connectString, 30_000, event -> {})) {
      zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }
  }

  /** Every member serves the same tree, every Stat field included; returns it. */
  private static SortedMap<String, Ensemble.Znode> assertSameTrees(Ensemble ensemble)
      throws Exception {
    SortedMap<String, Ensemble.Znode> first = ensemble.dumpTree(ensemble.ids().first());
    for (int id : ensemble.ids()) {
      assertEquals(first, ensemble.dumpTree(id), "server " + id + "'s tree");
    }
    assertTrue(first.containsKey("/before"), first.keySet().toString());
    return first;
  }
}

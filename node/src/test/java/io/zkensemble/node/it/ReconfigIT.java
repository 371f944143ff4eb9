package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic reconfig with real node processes under a steady write load (one session on every server,
 * each write's outcome kept):
 *
 * <ol>
 *   <li>Start 5 participants with reconfigEnabled and a super digest.
 *   <li>Remove server 5, then server 4, one reconfig at a time (the first leader, the highest id,
 *       removes itself and hands over); they stay up as non-voting followers.
 *   <li>SIGKILL the leader of the 3 voters left; a new one serves; restart the killed one, which
 *       comes back from its dynamic config file.
 *   <li>Add server 4, then server 5 again.
 *   <li>Stop the load: every acknowledged write is on every server, nothing else was written, all
 *       five trees are equal.
 * </ol>
 */
class ReconfigIT {
  private static final String SUPER = "super:reconfig";
  private static final int LOAD_WINDOW = 8;
  private static final int WRITES_PER_STEP = 40;

  @TempDir Path dir;

  @Test
  void membershipShrinksAndGrowsUnderLoadWithoutLosingAWrite() throws Exception {
    long seed = new Random().nextLong();
    System.out.printf("ReconfigIT: seed %d, servers in %s%n", seed, dir);
    String digest = DigestAuthenticationProvider.generateDigest(SUPER);
    try (Ensemble ensemble =
        Ensemble.of(
            dir,
            5,
            0,
            "reconfigEnabled=true",
            "DigestAuthenticationProvider.superDigest=" + digest)) {
      ensemble.start();
      EnsembleLoad load =
          EnsembleLoad.connect(ensemble.connectString(), "/load", new Random(seed), LOAD_WINDOW);
      try (ZooKeeperAdmin admin = admin(ensemble.connectString())) {
        load.startSteady();
        step(ensemble, load, "before any reconfig");
        for (int leaving : List.of(5, 4)) {
          byte[] config = admin.reconfigure(null, Integer.toString(leaving), null, -1, new Stat());
          assertEquals(leaving - 1, voters(config), new String(config, StandardCharsets.UTF_8));
          step(ensemble, load, "server " + leaving + " removed");
        }
        int leader = ensemble.waitForLeader();
        ensemble.kill9(leader);
        step(ensemble, load, "leader " + leader + " killed");
        ensemble.restart(leader);
        ensemble.waitUntilServing(leader);
        for (int joining : List.of(4, 5)) {
          byte[] config =
              admin.reconfigure(ensemble.serverLineWithClient(joining), null, null, -1, new Stat());
          assertEquals(joining, voters(config), new String(config, StandardCharsets.UTF_8));
          step(ensemble, load, "server " + joining + " added");
        }
        load.stopSteady("ReconfigIT");
      } finally {
        load.close();
      }
      LoadCheck.checkOutcomes(load, "ReconfigIT");
      ensemble.waitUntilAllServing();
      Map<Integer, SortedMap<String, Ensemble.Znode>> dumps = new TreeMap<>();
      for (int id : ensemble.ids()) {
        dumps.put(id, ensemble.dumpTree(id));
        LoadCheck.checkTree(load, dumps.get(id), "ReconfigIT, server " + id);
        assertEquals(dumps.get(1), dumps.get(id), "server " + id + "'s tree against server 1's");
      }
      System.out.printf(
          "ReconfigIT: %d writes sent, %d acknowledged, trees of %d nodes equal on 5 servers%n",
          load.sentCount(),
          load.outcomes().stream().filter(EnsembleLoad.Outcome::acknowledged).count(),
          dumps.get(1).size());
    }
  }

  /** Waits until writes sent from now on are acknowledged: the ensemble writes again. */
  private static void step(Ensemble ensemble, EnsembleLoad load, String where) {
    load.awaitAcknowledgedFrom(load.sentCount(), WRITES_PER_STEP, where, ensemble::describe);
  }

  private static ZooKeeperAdmin admin(String connectString) throws Exception {
    ZooKeeperAdmin admin = new ZooKeeperAdmin(connectString, 30_000, event -> {});
    admin.addAuthInfo("digest", SUPER.getBytes(StandardCharsets.UTF_8));
    Awaitility.await().atMost(Ensemble.DEADLINE).until(() -> admin.getState().isConnected());
    return admin;
  }

  private static long voters(byte[] config) {
    return new String(config, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.contains(":participant"))
        .count();
  }
}

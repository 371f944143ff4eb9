package io.zkensemble.node.quorum;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestEnsemble;
import io.zkensemble.node.testing.ZkCli;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;

/**
 * Dynamic reconfig (zookeeperReconfig.md) through Apache's ZooKeeperAdmin against in-JVM ensembles:
 * disabled by default, growing one server at a time from 1 to 5 and shrinking back to 3 under a
 * steady write load that loses no acknowledged write, a role change, a stale version.
 */
class ReconfigTest {
  private static final Duration SETTLED = Duration.ofSeconds(30);
  private static final String SUPER = "super:reconfig";

  @Test
  void reconfigIsDisabledByDefault() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      await().atMost(SETTLED).until(() -> ensemble.leader() != -1);
      try (ZooKeeperAdmin admin = admin(ensemble.connectString())) {
        assertThrows(
            KeeperException.ReconfigDisabledException.class,
            () -> admin.reconfigure(null, "3", null, -1, new Stat()));
      }
    }
  }

  /**
   * 1 → 2 → 3 → 4 → 5 → 4 → 3 voters, one reconfig at a time, each joiner started (and synced as a
   * non-voting follower) before the reconfig that adds it; then server 3 becomes an observer; a
   * reconfig of a version that is no longer the current one is refused. A client writes all the
   * while; every write it saw acknowledged is on every server at the end.
   */
  @Test
  void anEnsembleGrowsFromOneToFiveAndShrinksToThreeWithoutLosingAWrite() throws Exception {
    try (TestEnsemble ensemble = growable(5);
        ZooKeeper writerClient = Clients.connect(ensemble.connectString(1), 30_000, event -> {});
        ZooKeeperAdmin admin = admin(ensemble.connectString(1))) {
      await().atMost(SETTLED).until(() -> "leader".equals(ensemble.mode(1)));
      Writer writer = new Writer(writerClient);
      writer.start();
      long initialVersion = configVersion(admin);
      for (long joiner = 2; joiner <= 5; joiner++) {
        ensemble.startServer(joiner);
        long id = joiner;
        await().atMost(SETTLED).until(() -> "follower".equals(ensemble.mode(id)));
        byte[] config = admin.reconfigure(ensemble.serverLine(joiner), null, null, -1, new Stat());
        assertTrue(
            text(config).contains("server." + joiner + "="),
            "server " + joiner + " is in " + text(config));
        assertEquals(joiner, voters(text(config)), text(config));
      }
      // conf and voting_view show the configuration in force, as Apache's do, not the one server
      // 1 started with (itself alone).
      String conf = ensemble.fourLetterWord(1, "conf");
      assertTrue(conf.contains("server.5="), conf);
      for (long leaving = 5; leaving >= 4; leaving--) {
        byte[] config = admin.reconfigure(null, Long.toString(leaving), null, -1, new Stat());
        assertEquals(leaving - 1, voters(text(config)), text(config));
        ensemble.stopServer(leaving);
      }
      KeeperException stale =
          assertThrows(
              KeeperException.BadVersionException.class,
              () -> admin.reconfigure(null, "3", null, initialVersion, new Stat()));
      assertEquals(KeeperException.Code.BADVERSION, stale.code());
      String observer = ensemble.serverLine(3).replace(":participant;", ":observer;");
      byte[] config = admin.reconfigure(observer, null, null, -1, new Stat());
      assertEquals(2, voters(text(config)), text(config));
      await().atMost(SETTLED).until(() -> "observer".equals(ensemble.mode(3)));
      String observerConf = ensemble.fourLetterWord(3, "conf");
      assertTrue(observerConf.contains("peerType=1"), observerConf);
      // A restart reads the configuration from the dynamic config file zoo.cfg now points at.
      ensemble.stopServer(3);
      ensemble.startServer(3);
      await().atMost(SETTLED).until(() -> "observer".equals(ensemble.mode(3)));
      // The observer votes again (servers 1 and 2, synced, are a quorum of the new voters).
      config = admin.reconfigure(ensemble.serverLine(3), null, null, -1, new Stat());
      assertEquals(3, voters(text(config)), text(config));
      await().atMost(SETTLED).until(() -> "follower".equals(ensemble.mode(3)));
      // The leader removes itself: it designates another voter, which leads without an election.
      config = admin.reconfigure(null, "1", null, -1, new Stat());
      assertEquals(2, voters(text(config)), text(config));
      await().atMost(SETTLED).until(() -> ensemble.leader() == 2 || ensemble.leader() == 3);
      await().atMost(SETTLED).until(() -> writer.acknowledgedAfter(ensemble.leader()));
      writer.stopAndWait();
      assertTrue(writer.acknowledged.size() > 10, "writes acknowledged: " + writer.acknowledged);
      for (long id = 1; id <= 3; id++) {
        try (ZooKeeper client = Clients.connect(ensemble.connectString(id), 30_000, event -> {})) {
          client.sync("/", (rc, path, ctx) -> {}, null);
          Set<String> present = Set.copyOf(client.getChildren("/load", false));
          for (String written : writer.acknowledged) {
            assertTrue(present.contains(written), "server " + id + " lacks " + written);
          }
        }
      }
    }
  }

  /**
   * transfer_leadership: the leader proposes a reconfig to the same members that designates the
   * target, which then leads; a client writing through the third server all the while loses no
   * acknowledged write.
   */
  @Test
  void leadershipIsHandedToASyncedFollowerUnderLoad() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(3, 0)) {
      await().atMost(SETTLED).until(() -> ensemble.leader() != -1);
      long leader = ensemble.leader();
      List<Long> followers = new ArrayList<>(ensemble.ids());
      followers.remove(leader);
      long target = followers.get(0);
      long via = followers.get(1);
      try (ZooKeeper client = Clients.connect(ensemble.connectString(via), 30_000, event -> {})) {
        Writer writer = new Writer(client);
        writer.start();
        writer.acknowledgedAfter(leader);
        String answer = ensemble.transferLeadership(leader, target);
        assertTrue(answer.contains("to server " + target), answer);
        await().atMost(SETTLED).until(() -> ensemble.leader() == target);
        writer.acknowledgedAfter(target);
        writer.stopAndWait();
        for (long id : ensemble.ids()) {
          try (ZooKeeper reader =
              Clients.connect(ensemble.connectString(id), 30_000, event -> {})) {
            reader.sync("/", (rc, path, ctx) -> {}, null);
            Set<String> present = Set.copyOf(reader.getChildren("/load", false));
            assertTrue(
                present.containsAll(writer.acknowledged),
                "server " + id + " lacks acknowledged writes");
          }
        }
      }
    }
  }

  /** zkCli's config and reconfig commands, as an administrator would type them. */
  @Test
  void zkCliShowsAndChangesTheConfiguration() throws Exception {
    try (TestEnsemble ensemble = growable(2)) {
      await().atMost(SETTLED).until(() -> "leader".equals(ensemble.mode(1)));
      ensemble.startServer(2);
      await().atMost(SETTLED).until(() -> "follower".equals(ensemble.mode(2)));
      List<String> output =
          ZkCli.run(
              ensemble.connectString(1),
              String.join(
                  "\n",
                  "config",
                  "addauth digest " + SUPER,
                  "reconfig -add " + ensemble.serverLine(2).replace("server.2=", "2="),
                  "config",
                  "quit",
                  ""));
      String text = String.join("\n", output);
      List<String> lines = output.stream().filter(line -> line.startsWith("server.")).toList();
      assertEquals(List.of(ensemble.serverLine(1)), lines.subList(0, 1), text);
      assertTrue(text.contains("Committed new configuration:"), text);
      assertEquals(
          3, lines.stream().filter(line -> line.equals(ensemble.serverLine(1))).count(), text);
      assertEquals(
          2, lines.stream().filter(line -> line.equals(ensemble.serverLine(2))).count(), text);
    }
  }

  /**
   * {@code total} servers that grow from server 1 alone, reconfig on, {@link #SUPER} the super
   * user.
   */
  private static TestEnsemble growable(int total) throws Exception {
    return TestEnsemble.growable(
        total,
        "standaloneEnabled=false",
        "reconfigEnabled=true",
        "DigestAuthenticationProvider.superDigest="
            + DigestAuthenticationProvider.generateDigest(SUPER));
  }

  private static ZooKeeperAdmin admin(String connectString) throws Exception {
    ZooKeeperAdmin admin = new ZooKeeperAdmin(connectString, 10_000, event -> {});
    admin.addAuthInfo("digest", SUPER.getBytes(StandardCharsets.UTF_8));
    await().atMost(SETTLED).until(() -> admin.getState().isConnected());
    return admin;
  }

  private static long configVersion(ZooKeeperAdmin admin) throws Exception {
    String text = text(admin.getConfig(false, new Stat()));
    return Long.parseLong(text.substring(text.lastIndexOf("version=") + 8).strip(), 16);
  }

  private static String text(byte[] config) {
    return new String(config, StandardCharsets.UTF_8);
  }

  private static long voters(String config) {
    return config.lines().filter(line -> line.contains(":participant")).count();
  }

  /** Creates /load/w-N one after another, keeping the names of those acknowledged. */
  private static final class Writer extends Thread {
    private final ZooKeeper client;
    private final AtomicBoolean stop = new AtomicBoolean();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private volatile int written;
    private final List<Exception> failures = new ArrayList<>();

    Writer(ZooKeeper client) throws Exception {
      this.client = client;
      client.create("/load", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }

    @Override
    public void run() {
      for (int n = 0; !stop.get(); n++) {
        String name = "w-" + n;
        try {
          client.create(
              "/load/" + name, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
          acknowledged.add(name);
          written = n;
        } catch (KeeperException.ConnectionLossException e) {
          // Unknown outcome: neither counted nor checked.
        } catch (Exception e) {
          failures.add(e);
          return;
        }
      }
    }

    /** Whether writes go on: one more is acknowledged after this call (the leader {@code id}). */
    boolean acknowledgedAfter(long id) throws InterruptedException {
      int before = written;
      await().atMost(SETTLED).until(() -> written > before);
      return id != -1;
    }

    void stopAndWait() throws InterruptedException {
      stop.set(true);
      join(SETTLED.toMillis());
      assertEquals(List.of(), failures, "the writer saw only ConnectionLoss");
    }
  }
}

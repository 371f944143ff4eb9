package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkensemble.node.auth.Authenticator;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestNode;
import java.util.Arrays;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * The switches Apache reads once from system properties (so one JVM cannot compare both sides): the
 * super digest, skipACL, enforceQuota, extendedTypesEnabled, each given in zoo.cfg or as Apache's
 * system property. Expected values are Apache's documented behaviour.
 */
class ServerOptionsTest {
  /** A mutable list: the client's validateACL asks contains(null), which List.of refuses. */
  private static final List<ACL> ALICE_ONLY =
      Arrays.asList(
          new ACL(ZooDefs.Perms.ALL, new Id("digest", Authenticator.digest("alice:secret"))));

  @Test
  void theSuperDigestOpensEveryNode() throws Exception {
    String superDigest = Authenticator.digest("super:admin");
    try (TestNode node = TestNode.start("DigestAuthenticationProvider.superDigest=" + superDigest);
        ZooKeeper alice = Clients.connect(node);
        ZooKeeper admin = Clients.connect(node);
        ZooKeeper stranger = Clients.connect(node)) {
      alice.addAuthInfo("digest", "alice:secret".getBytes());
      alice.create("/private", "p".getBytes(), ALICE_ONLY, CreateMode.PERSISTENT);
      admin.addAuthInfo("digest", "super:admin".getBytes());
      assertArrayEquals("p".getBytes(), admin.getData("/private", false, null));
      admin.setData("/private", "q".getBytes(), -1);
      assertEquals(
          List.of("digest:super", "super:", "ip:127.0.0.1"),
          admin.whoAmI().stream().map(i -> i.getAuthScheme() + ":" + i.getUser()).toList());
      assertThrows(
          KeeperException.NoAuthException.class, () -> stranger.getData("/private", false, null));
    }
  }

  @Test
  void skipAclAsASystemPropertyLetsEveryoneIn() throws Exception {
    System.setProperty("zookeeper.skipACL", "yes");
    TestNode node;
    try {
      node = TestNode.start();
    } finally {
      System.clearProperty("zookeeper.skipACL");
    }
    try (node;
        ZooKeeper alice = Clients.connect(node);
        ZooKeeper stranger = Clients.connect(node)) {
      alice.addAuthInfo("digest", "alice:secret".getBytes());
      alice.create("/private", "p".getBytes(), ALICE_ONLY, CreateMode.PERSISTENT);
      assertArrayEquals("p".getBytes(), stranger.getData("/private", false, null));
      stranger.delete("/private", -1);
    }
  }

  @Test
  void extendedTypesAreOffUnlessEnabled() throws Exception {
    try (TestNode node = TestNode.start();
        ZooKeeper zk = Clients.connect(node)) {
      assertThrows(
          KeeperException.UnimplementedException.class,
          () ->
              zk.create(
                  "/ttl",
                  new byte[0],
                  ZooDefs.Ids.OPEN_ACL_UNSAFE,
                  CreateMode.PERSISTENT_WITH_TTL,
                  new Stat(),
                  1000));
    }
    try (TestNode node = TestNode.start("extendedTypesEnabled=true");
        ZooKeeper zk = Clients.connect(node)) {
      Stat stat = new Stat();
      zk.create(
          "/ttl",
          new byte[0],
          ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT_WITH_TTL,
          stat,
          1000);
      assertEquals(0, stat.getEphemeralOwner(), "a TTL node shows no owner");
    }
  }

  /**
   * A hard count limit refuses the create past it with QuotaExceeded; a soft one (count) only
   * warns. The quota nodes are written as zkCli's setquota writes them.
   */
  @Test
  void enforceQuotaRefusesWritesPastAHardLimit() throws Exception {
    try (TestNode node = TestNode.start("enforceQuota=true");
        ZooKeeper zk = Clients.connect(node)) {
      zk.create("/h", "12345".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.create("/zookeeper/quota/h", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.create(
          "/zookeeper/quota/h/zookeeper_limits",
          "count=-1,bytes=-1=;byteHardLimit=8;countHardLimit=2".getBytes(),
          ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      zk.create(
          "/zookeeper/quota/h/zookeeper_stats",
          "count=0,bytes=0".getBytes(),
          ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      assertArrayEquals(
          "count=1,bytes=5".getBytes(),
          zk.getData("/zookeeper/quota/h/zookeeper_stats", false, null),
          "the server counts the subtree when the stats node appears");
      zk.create("/h/a", "12".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      assertThrows(
          KeeperException.QuotaExceededException.class,
          () -> zk.create("/h/b", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
      assertThrows(
          KeeperException.QuotaExceededException.class,
          () -> zk.setData("/h/a", "1234".getBytes(), -1));
      zk.setData("/h/a", "123".getBytes(), -1);
      assertArrayEquals(
          "count=2,bytes=8".getBytes(),
          zk.getData("/zookeeper/quota/h/zookeeper_stats", false, null));
    }
  }
}

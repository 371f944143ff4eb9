package io.zkensemble.node.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * A data set with every kind of znode a data directory must keep: nested persistent nodes with data
 * of many sizes (none, empty, 100 KB), sequential and ephemeral nodes, containers, several ACLs
 * (digest, ip, world), versions moved by setData and setACL, deletions (so cversions and pzxids
 * differ from creation counts), a multi, and a quota with its stats. Written through a client, so
 * any server can hold it.
 */
public final class DataScenario {
  /** The user every ACL of the scenario lets in, so that a dump can read everything. */
  public static final String READER = "reader:secret";

  /**
   * digest:reader:base64(sha1("reader:secret")), as Apache's DigestAuthenticationProvider makes it.
   */
  public static final String READER_DIGEST = "reader:TwMYkJISsEPORbrSYGWeRLjeNEk=";

  private DataScenario() {}

  /** Writes the data set with {@code zk} (which authenticates as {@link #READER}). */
  public static void write(ZooKeeper zk, long seed) throws Exception {
    zk.addAuthInfo("digest", READER.getBytes(StandardCharsets.UTF_8));
    Random random = new Random(seed);
    List<ACL> readerAndWorldRead =
        Arrays.asList(
            new ACL(ZooDefs.Perms.ALL, new Id("digest", READER_DIGEST)),
            new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
    List<ACL> readerAndIp =
        Arrays.asList(
            new ACL(ZooDefs.Perms.ALL, new Id("digest", READER_DIGEST)),
            new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.WRITE, new Id("ip", "127.0.0.0/8")));
    zk.create("/app", "root".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create("/app/empty", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create("/app/null", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    byte[] big = new byte[100_000];
    random.nextBytes(big);
    zk.create("/app/big", big, readerAndWorldRead, CreateMode.PERSISTENT);
    zk.create(
        "/app/zürich-東京",
        "ünïcode".getBytes(StandardCharsets.UTF_8),
        readerAndIp,
        CreateMode.PERSISTENT);
    for (int group = 0; group < 5; group++) {
      String parent = "/app/group" + group;
      zk.create(
          parent, new byte[] {(byte) group}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      for (int i = 0; i < 20; i++) {
        byte[] data = new byte[random.nextInt(200)];
        random.nextBytes(data);
        zk.create(parent + "/item-", data, readerAndWorldRead, CreateMode.PERSISTENT_SEQUENTIAL);
      }
      zk.delete(parent + "/item-0000000003", -1);
      zk.setData(parent + "/item-0000000005", "changed".getBytes(), -1);
      zk.setData(parent + "/item-0000000005", "changed again".getBytes(), 1);
    }
    zk.setACL("/app/group2", readerAndIp, 0);
    zk.create("/app/eph", "mine".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    zk.create("/app/eseq-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    zk.create("/box", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
    zk.create("/box/content", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.multi(
        List.of(
            Op.create(
                "/app/multi", "m".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.setData("/app", "root2".getBytes(), 0),
            Op.delete("/app/empty", 0)));
    zk.create("/zookeeper/quota/app", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(
        "/zookeeper/quota/app/zookeeper_limits",
        "count=500,bytes=-1".getBytes(),
        ZooDefs.Ids.OPEN_ACL_UNSAFE,
        CreateMode.PERSISTENT);
    zk.create(
        "/zookeeper/quota/app/zookeeper_stats",
        "count=0,bytes=0".getBytes(),
        ZooDefs.Ids.OPEN_ACL_UNSAFE,
        CreateMode.PERSISTENT);
    zk.create(
        "/app/after-quota", "q".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    StringBuilder path = new StringBuilder("/app/deep");
    for (int depth = 0; depth < 12; depth++) {
      zk.create(path.toString(), null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      path.append("/d").append(depth);
    }
  }
}

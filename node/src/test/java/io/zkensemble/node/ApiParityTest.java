package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.Transcript;
import io.zkensemble.node.testing.ZkServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.Test;

/**
 * The client API beyond CRUD, against Apache ZooKeeper 3.9.5 and our node: ACLs and auth,
 * persistent and recursive watches, watch removal, TTL nodes, getEphemerals and
 * getAllChildrenNumber. Each scenario must give Apache's transcript.
 */
class ApiParityTest {
  private static final List<ACL> OPEN = ZooDefs.Ids.OPEN_ACL_UNSAFE;

  @Test
  void aclsAndAuthMatchApache() throws Exception {
    List<String> ours = Parity.assertSameAsApache(ApiParityTest::acls);
    assertTrue(ours.contains("s2: getData /acl -> NOAUTH null"), () -> String.join("\n", ours));
  }

  private static List<String> acls(ZkServer server) throws Exception {
    Map<Long, String> names = Transcript.sessionNames();
    Transcript alice = new Transcript(Clients.connect(server), names);
    Transcript guest = new Transcript(Clients.connect(server), names);
    alice.addAuth("digest", "alice:secret");
    alice.whoAmI();
    guest.whoAmI();
    alice.create("/acl", "a", ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    alice.getAcl("/acl");
    alice.getData("/acl", false);
    guest.getData("/acl", false);
    guest.exists("/acl", false);
    guest.getChildren("/acl", false);
    guest.getAcl("/acl");
    guest.setData("/acl", "g", -1);
    guest.create("/acl/child", "c", CreateMode.PERSISTENT);
    guest.delete("/acl", -1);
    guest.setAcl("/acl", OPEN, -1);
    guest.multi(List.of(Op.check("/acl", 0)));
    guest.addAuth("digest", "alice:wrong");
    guest.getData("/acl", false);

    // (The guest could delete /acl: delete checks the parent's ACL.) Alice makes it again.
    alice.create("/acl", "a", ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);

    // Read for everyone, everything for alice: the guest reads, and sees alice's hash masked.
    List<ACL> readable =
        List.of(
            new ACL(Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE),
            new ACL(Perms.ALL, new Id("digest", "alice:" + "+jXnY0k5tHw9lREbgp7ob3mBBEk=")));
    alice.setAcl("/acl", readable, 7);
    alice.setAcl("/acl", readable, 0);
    guest.getData("/acl", false);
    guest.getAcl("/acl");
    alice.getAcl("/acl");
    guest.setData("/acl", "g", -1);

    // ip ACLs: the loopback network matches, another does not.
    alice.create(
        "/ip-ok",
        "i",
        List.of(new ACL(Perms.ALL, new Id("ip", "127.0.0.0/8"))),
        CreateMode.PERSISTENT);
    alice.create(
        "/ip-no",
        "i",
        List.of(new ACL(Perms.ALL, new Id("ip", "10.0.0.0/8"))),
        CreateMode.PERSISTENT);
    guest.getData("/ip-ok", false);
    guest.getData("/ip-no", false);
    guest.getAcl("/ip-ok");

    // A watch set before the node exists fires only for a client allowed to read it.
    guest.exists("/secret", true);
    alice.exists("/secret", true);
    alice.create("/secret", "s", ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    guest.sync("/");
    alice.sync("/");

    // Invalid ACLs.
    guest.create("/bad", "b", ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    alice.create(
        "/bad",
        "b",
        List.of(new ACL(Perms.ALL, new Id("world", "someone"))),
        CreateMode.PERSISTENT);
    alice.create(
        "/bad", "b", List.of(new ACL(Perms.ALL, new Id("ip", "300.1.1.1"))), CreateMode.PERSISTENT);
    alice.create(
        "/bad", "b", List.of(new ACL(Perms.ALL, new Id("sasl", "bob"))), CreateMode.PERSISTENT);
    alice.create(
        "/v6", "b", List.of(new ACL(Perms.ALL, new Id("ip", "::1/128"))), CreateMode.PERSISTENT);
    alice.getAcl("/v6");
    alice.close();
    guest.close();
    return lines(alice, guest);
  }

  @Test
  void persistentAndRecursiveWatchesMatchApache() throws Exception {
    List<String> ours = Parity.assertSameAsApache(ApiParityTest::watches);
    assertTrue(ours.contains("s1: event NodeCreated /rw/a/b"), () -> String.join("\n", ours));
  }

  private static List<String> watches(ZkServer server) throws Exception {
    Map<Long, String> names = Transcript.sessionNames();
    Transcript w = new Transcript(Clients.connect(server), names);
    Transcript o = new Transcript(Clients.connect(server), names);
    o.create("/pw", "p", CreateMode.PERSISTENT);
    o.create("/rw", "r", CreateMode.PERSISTENT);
    w.addWatch("/pw", AddWatchMode.PERSISTENT);
    w.addWatch("/rw", AddWatchMode.PERSISTENT_RECURSIVE);
    w.addWatch("/absent", AddWatchMode.PERSISTENT);
    o.setData("/pw", "p1", -1);
    o.setData("/pw", "p2", -1);
    o.create("/pw/c", "c", CreateMode.PERSISTENT);
    o.setData("/pw/c", "c1", -1);
    o.delete("/pw/c", -1);
    o.delete("/pw", -1);
    o.create("/pw", "again", CreateMode.PERSISTENT);
    o.create("/rw/a", "a", CreateMode.PERSISTENT);
    o.create("/rw/a/b", "b", CreateMode.PERSISTENT);
    o.setData("/rw/a/b", "b1", -1);
    o.delete("/rw/a/b", -1);
    o.setData("/rw", "r1", -1);
    o.create("/absent", "x", CreateMode.PERSISTENT);
    o.create("/elsewhere", "x", CreateMode.PERSISTENT);
    w.sync("/");

    // Removing watches: a standard one, then the persistent ones.
    w.getData("/elsewhere", true);
    w.removeWatches("/elsewhere", WatcherType.Data);
    w.removeWatches("/pw", WatcherType.Persistent);
    w.removeWatches("/rw", WatcherType.PersistentRecursive);
    o.setData("/pw", "p3", -1);
    o.create("/rw/z", "z", CreateMode.PERSISTENT);
    o.setData("/elsewhere", "e", -1);
    o.setData("/absent", "still watched", -1);
    w.sync("/");
    w.removeWatches("/absent", WatcherType.Any);
    o.setData("/absent", "not any more", -1);
    w.sync("/");
    w.close();
    o.close();
    return lines(w, o);
  }

  @Test
  void ephemeralsAndDescendantCountsMatchApache() throws Exception {
    List<String> ours = Parity.assertSameAsApache(ApiParityTest::counts);
    assertTrue(ours.contains("s1: getAllChildrenNumber /e -> OK 5"), () -> String.join("\n", ours));
  }

  private static List<String> counts(ZkServer server) throws Exception {
    Map<Long, String> names = Transcript.sessionNames();
    Transcript a = new Transcript(Clients.connect(server), names);
    Transcript b = new Transcript(Clients.connect(server), names);
    a.create("/e", "e", CreateMode.PERSISTENT);
    a.create("/e/x", "x", CreateMode.EPHEMERAL);
    a.create("/e/y", "y", CreateMode.PERSISTENT);
    a.create("/e/y/z", "z", CreateMode.EPHEMERAL);
    a.create("/e/s-", "s", CreateMode.EPHEMERAL_SEQUENTIAL);
    b.create("/e/b", "b", CreateMode.EPHEMERAL);
    a.getEphemerals("/");
    a.getEphemerals("/e/y");
    a.getEphemerals("/e/s");
    a.getEphemerals("/nothing");
    b.getEphemerals("/");
    a.getAllChildrenNumber("/e");
    a.getAllChildrenNumber("/e/y");
    a.getAllChildrenNumber("/e/x");
    a.getAllChildrenNumber("/");
    a.getAllChildrenNumber("/nope");
    a.close();
    b.getAllChildrenNumber("/e");
    b.close();
    return lines(a, b);
  }

  @Test
  void ttlNodesMatchApacheWhenExtendedTypesAreEnabled() throws Exception {
    // Apache reads this property on every create; our node reads it at start as a fallback to
    // zoo.cfg. Both runs see it set.
    String property = "zookeeper.extendedTypesEnabled";
    System.setProperty(property, "true");
    try {
      List<String> ours = Parity.assertSameAsApache(ApiParityTest::ttls);
      assertTrue(
          ours.stream()
              .anyMatch(
                  l ->
                      l.startsWith(
                          "s1: createTtl /t/seq- PERSISTENT_SEQUENTIAL_WITH_TTL ttl=5000 -> OK /t/seq-0000000001")),
          () -> String.join("\n", ours));
    } finally {
      System.clearProperty(property);
    }
  }

  private static List<String> ttls(ZkServer server) throws Exception {
    Transcript a = new Transcript(Clients.connect(server), Transcript.sessionNames());
    a.create("/t", "t", CreateMode.PERSISTENT);
    a.createTtl("/t/n", "n", CreateMode.PERSISTENT_WITH_TTL, 60_000);
    a.createTtl("/t/seq-", "s", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 5000);
    a.create("/t/n/child", "c", CreateMode.PERSISTENT);
    a.getData("/t/n", false);
    a.create("/t/c", "c", CreateMode.CONTAINER);
    a.getChildren2("/t", false);
    a.close();
    return lines(a);
  }

  private static List<String> lines(Transcript... transcripts) {
    List<String> lines = new ArrayList<>();
    for (Transcript transcript : transcripts) {
      lines.addAll(transcript.lines());
    }
    return lines;
  }
}

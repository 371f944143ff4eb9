package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.Transcript;
import io.zkensemble.node.testing.ZkServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;

/**
 * The same client scenario against Apache ZooKeeper 3.9.5 and against our node must give the same
 * transcript: every result code, created name, stat field (but the times), session owner and watch
 * event, in the order the client sees them. zxids must match too, which shows that every write
 * (failed ones included) takes a zxid exactly where Apache's does.
 */
class ApacheParityTest {
  @Test
  void everydayOperationsMatchApache() throws Exception {
    List<String> ours = Parity.assertSameAsApache(ApacheParityTest::scenario);
    // Hand-checked: nine creations under /p so far, so the next sequence number is 9.
    assertTrue(
        ours.contains(
            "s1: create /p/seq- PERSISTENT_SEQUENTIAL -> OK /p/seq-0000000009 {czxid=1f mzxid=1f"
                + " pzxid=1f version=0 cversion=0 aversion=0 owner=0 dataLength=1"
                + " numChildren=0}"),
        () -> String.join("\n", ours));
  }

  private static List<String> scenario(ZkServer server) throws Exception {
    Map<Long, String> names = Transcript.sessionNames();
    Transcript a = new Transcript(Clients.connect(server), names);
    Transcript b = new Transcript(Clients.connect(server), names);

    // The tree of a fresh server.
    a.getChildren2("/", false);
    a.exists("/zookeeper", false);
    a.getChildren2("/zookeeper", false);
    a.getData("/zookeeper/config", false);
    a.exists("/zookeeper/quota", false);

    // Creates of every mode, create and create2, sequential names from the parent's cversion.
    a.create("/p", "d1", CreateMode.PERSISTENT);
    a.create("/p/c1", "c", CreateMode.PERSISTENT);
    a.create("/p/seq-", "s", CreateMode.PERSISTENT_SEQUENTIAL);
    a.create("/p/seq-", "s", CreateMode.PERSISTENT_SEQUENTIAL);
    a.create("/p/eseq-", "e", CreateMode.EPHEMERAL_SEQUENTIAL);
    a.create("/p/e", "e", CreateMode.EPHEMERAL);
    a.createV1("/p/v1", "v", CreateMode.PERSISTENT);
    a.create("/p/empty", null, CreateMode.PERSISTENT);
    a.getData("/p/empty", false);
    a.getChildren2("/p", false);
    a.getChildren("/p", false);

    // Every error a plain client can provoke.
    a.create("/p", "again", CreateMode.PERSISTENT);
    a.create("/missing/x", "x", CreateMode.PERSISTENT);
    a.create("/p/e/child", "x", CreateMode.PERSISTENT);
    a.create("/p/creator", "x", ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    a.delete("/p", -1);
    a.delete("/p/c1", 5);
    a.setData("/p", "x", 7);
    a.setData("/nope", "x", -1);
    a.delete("/nope", -1);
    a.getData("/nope", false);
    a.exists("/nope", false);
    a.getChildren("/nope", false);
    a.getChildren2("/nope", false);

    // Versions.
    a.setData("/p", "d2", 0);
    a.setData("/p", "d3", -1);
    a.getData("/p", false);
    a.delete("/p/c1", 0);
    a.getChildren2("/p", false);

    // One-shot watches fired by another session.
    a.getData("/p", true);
    a.exists("/new", true);
    a.getChildren("/p", true);
    b.setData("/p", "d4", -1);
    b.create("/new", "n", CreateMode.PERSISTENT);
    b.create("/p/c2", "c", CreateMode.PERSISTENT);
    b.setData("/p", "d5", -1);
    b.create("/p/c3", "c", CreateMode.PERSISTENT);
    a.sync("/p");

    // Data, exists and child watches on one node: its deletion is notified once.
    a.exists("/p/c2", true);
    a.getData("/p/c2", true);
    a.getChildren("/p/c2", true);
    a.getChildren("/p", true);
    b.delete("/p/c2", -1);
    a.sync("/p");

    // A watch event reaches the client before the reply of the write that caused it.
    a.getData("/p", true);
    CompletableFuture<Void> own = a.setDataAsync("/p", "d6");
    own.get(Clients.WAIT_SECONDS, TimeUnit.SECONDS);

    // Sequence numbers count creations, not the children left.
    b.delete("/p/seq-0000000002", -1);
    a.create("/p/seq-", "s", CreateMode.PERSISTENT_SEQUENTIAL);
    a.getChildren2("/p", false);

    // Container nodes (createContainer, op 19) look like persistent ones to clients.
    a.create("/cont", "c", CreateMode.CONTAINER);
    a.create("/cont/x", "x", CreateMode.PERSISTENT);
    a.getChildren2("/cont", false);

    // multi: all or nothing, later ops see earlier ones, failures reported per op.
    a.multi(
        List.of(
            Op.create("/m", "m".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.create("/m/a", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
            Op.create("/m/a", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
            Op.setData("/m", "m2".getBytes(), 0),
            Op.check("/m", 1),
            Op.delete("/m/a0000000000", 0)));
    a.getChildren2("/m", true);
    a.multi(
        List.of(
            Op.create("/m/b", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.setData("/m", "m3".getBytes(), 7),
            Op.delete("/m/b", -1)));
    a.multi(
        List.of(
            Op.create("/m/c", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.create("/m/c", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)));
    a.multi(
        List.of(
            Op.create(
                "/m/s", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL)));
    a.multi(List.of());
    a.multi(
        List.of(
            Op.getData("/m"), Op.getChildren("/m"), Op.getData("/nope"), Op.getChildren("/nope")));
    a.getChildren2("/m", false);

    // Closing a session deletes its ephemerals and tells the watchers.
    b.exists("/p/e", true);
    b.getChildren("/p", true);
    a.close();
    b.getChildren2("/p", false);
    b.exists("/p/e", false);
    b.sync("/");
    b.close();

    List<String> lines = new ArrayList<>(a.lines());
    lines.addAll(b.lines());
    return lines;
  }
}

package io.zkensemble.node.quorum;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.zab.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.ZKDatabase;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.apache.zookeeper.server.quorum.QuorumPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SNAP against Apache 3.9's LearnerHandler and Learner: an Apache ZKDatabase and ours holding the
 * same sessions, ACLs and nodes send the same bytes (the SNAP packet, ZKDatabase.serializeSnapshot,
 * "BenWasHere"); we load Apache's, and Apache's ZKDatabase.deserializeSnapshot loads ours.
 */
class SnapStreamGoldenTest {
  private static final long ZXID = 0x2_0000_0040L;
  private static final long SESSION_1 = 0x1000_0000_0000_0001L;
  private static final long SESSION_2 = 0x2000_0000_0000_0002L;
  private static final List<ACL> DIGEST =
      List.of(new ACL(31, new Id("digest", "admin:hash")), new ACL(1, new Id("world", "anyone")));
  private static final List<ACL> READ_ONLY = List.of(new ACL(1, new Id("world", "anyone")));

  private final Path dir = TestFiles.tempDir("snapstream");

  @AfterEach
  void deleteDir() {
    TestFiles.deleteRecursively(dir);
  }

  /** One change, applied alike to Apache's tree and ours. */
  private interface Change {
    void apply(DataTree apache) throws Exception;

    void apply(ZkDatabase ours);
  }

  private record Create(String path, String data, List<ACL> acl, long owner, long zxid)
      implements Change {
    @Override
    public void apply(DataTree apache) throws Exception {
      apache.createNode(path, data.getBytes(UTF_8), apacheAcl(acl), owner, -1, zxid, zxid * 10);
    }

    @Override
    public void apply(ZkDatabase ours) {
      ours.tree().createNode(path, data.getBytes(UTF_8), acl, owner, -1, zxid, zxid * 10);
    }
  }

  private record SetData(String path, String data, long zxid) implements Change {
    @Override
    public void apply(DataTree apache) throws Exception {
      apache.setData(path, data.getBytes(UTF_8), 1, zxid, zxid * 10);
    }

    @Override
    public void apply(ZkDatabase ours) {
      ours.tree().setData(path, data.getBytes(UTF_8), 1, zxid, zxid * 10);
    }
  }

  private record Delete(String path, long zxid) implements Change {
    @Override
    public void apply(DataTree apache) throws Exception {
      apache.deleteNode(path, zxid);
    }

    @Override
    public void apply(ZkDatabase ours) {
      ours.tree().deleteNode(path, zxid);
    }
  }

  /** Open, shared and unused ACLs, ephemerals, a container, unicode, a wide and a deep branch. */
  private static List<Change> changes() {
    List<ACL> open = List.of(new ACL(31, new Id("world", "anyone")));
    List<Change> changes = new ArrayList<>();
    long zxid = 0x2_0000_0001L;
    changes.add(new Create("/app", "root of the app", open, 0, zxid++));
    changes.add(new Create("/app/conf", "x".repeat(5000), DIGEST, 0, zxid++));
    changes.add(new Create("/app/zürich-東京", "ü", DIGEST, 0, zxid++));
    changes.add(new Create("/app/e1", "", open, SESSION_1, zxid++));
    changes.add(new Create("/app/e2", "", READ_ONLY, SESSION_2, zxid++));
    changes.add(new Create("/jobs", "", open, Long.MIN_VALUE, zxid++));
    for (int i = 0; i < 40; i++) {
      changes.add(new Create("/jobs/job-" + i, "job " + i, open, 0, zxid++));
    }
    String deep = "";
    for (int depth = 0; depth < 20; depth++) {
      deep += "/d" + depth;
      changes.add(new Create(deep, "", open, 0, zxid++));
    }
    changes.add(new SetData("/app/conf", "changed", zxid++));
    changes.add(new Create("/gone", "", List.of(new ACL(3, new Id("ip", "10.0.0.1"))), 0, zxid++));
    changes.add(new Delete("/gone", zxid++));
    changes.add(new Delete("/jobs/job-7", zxid));
    return changes;
  }

  @Test
  void weSendWhatApacheSends() throws Exception {
    assertArrayEquals(apacheSnapBytes(apacheDatabase()), ourSnapBytes(ourDatabase()));
  }

  @Test
  void weLoadWhatApacheSends() throws Exception {
    ZKDatabase apache = apacheDatabase();
    byte[] sent = apacheSnapBytes(apache);
    byte[] following = apachePacket(new QuorumPacket(10, ZXID + 1, null, null));
    byte[] connection = Buffer.buffer(sent).appendBytes(following).getBytes();
    byte[] stream = apacheStream(apache);
    for (Chunks.Way way : Chunks.ways(connection, 11)) {
      Parsed parsed = Parsed.quorum(way.chunks(), 0xfffff);
      assertEquals(List.of(), parsed.errors, way.name());
      assertEquals(2, parsed.items.size(), way.name());
      Message.Snap snap = (Message.Snap) parsed.items.get(0);
      assertEquals(ZXID, snap.zxid(), way.name());
      assertArrayEquals(stream, snap.snapshot(), way.name());
      assertEquals(new Message.NewLeader(ZXID + 1, null), parsed.items.get(1), way.name());
    }

    ZkDatabase loaded = new ZkDatabase(new EphemeralType(false));
    loaded.loadSession(0x99L, 1);
    SnapStream.read(stream, ZXID, loaded);
    ZkDatabase original = ourDatabase();
    assertArrayEquals(SnapStream.write(original), SnapStream.write(loaded));
    assertEquals(ZXID, loaded.tree().lastProcessedZxid());
    assertEquals(original.sessionTimeouts(), loaded.sessionTimeouts());
    assertEquals(List.of("/app/e1"), loaded.tree().ephemerals(SESSION_1));
    assertEquals(List.of("/app/e2"), loaded.tree().ephemerals(SESSION_2));
    assertEquals(List.of("/jobs"), loaded.tree().containers());
    assertEquals(DIGEST, loaded.tree().acl(loaded.tree().node("/app/zürich-東京")));
    assertEquals(original.tree().aclsByRef(), loaded.tree().aclsByRef());
    assertEquals(original.tree().nodeCount(), loaded.tree().nodeCount());
  }

  @Test
  void apacheLoadsWhatWeSend() throws Exception {
    byte[] ours = ourSnapBytes(ourDatabase());
    ZKDatabase apache = new ZKDatabase(new FileTxnSnapLog(dir.toFile(), dir.toFile()));
    BinaryInputArchive in = BinaryInputArchive.getArchive(new ByteArrayInputStream(ours));
    QuorumPacket packet = new QuorumPacket();
    in.readRecord(packet, "packet");
    assertEquals(15, packet.getType());
    assertEquals(ZXID, packet.getZxid());
    apache.deserializeSnapshot(in);
    assertEquals("BenWasHere", in.readString("signature"));
    assertArrayEquals(apacheStream(apacheDatabase()), apacheStream(apache));
    DataTree tree = apache.getDataTree();
    assertTrue(tree.getEphemerals(SESSION_1).contains("/app/e1"));
    assertEquals(
        Map.of(SESSION_1, 30_000, SESSION_2, 4_000), Map.copyOf(apache.getSessionWithTimeOuts()));
    assertEquals(
        Arrays.toString(apacheAcl(DIGEST).toArray()),
        Arrays.toString(tree.getACL("/app/zürich-東京", null).toArray()));
  }

  private ZKDatabase apacheDatabase() throws Exception {
    ZKDatabase database = new ZKDatabase(new FileTxnSnapLog(dir.toFile(), dir.toFile()));
    for (Change change : changes()) {
      change.apply(database.getDataTree());
    }
    database.getSessionWithTimeOuts().put(SESSION_1, 30_000);
    database.getSessionWithTimeOuts().put(SESSION_2, 4_000);
    return database;
  }

  private static ZkDatabase ourDatabase() {
    ZkDatabase database = new ZkDatabase(new EphemeralType(false));
    for (Change change : changes()) {
      change.apply(database);
    }
    database.loadSession(SESSION_1, 30_000);
    database.loadSession(SESSION_2, 4_000);
    return database;
  }

  /** What LearnerHandler writes for SNAP. */
  private static byte[] apacheSnapBytes(ZKDatabase database) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryOutputArchive out = BinaryOutputArchive.getArchive(bytes);
    out.writeRecord(new QuorumPacket(15, ZXID, null, null), "packet");
    database.serializeSnapshot(out);
    out.writeString("BenWasHere", "signature");
    return bytes.toByteArray();
  }

  private static byte[] apacheStream(ZKDatabase database) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    database.serializeSnapshot(BinaryOutputArchive.getArchive(bytes));
    return bytes.toByteArray();
  }

  private static byte[] apachePacket(QuorumPacket packet) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryOutputArchive.getArchive(bytes).writeRecord(packet, "packet");
    return bytes.toByteArray();
  }

  private static byte[] ourSnapBytes(ZkDatabase database) {
    return QuorumCodec.encode(new Message.Snap(ZXID, SnapStream.write(database))).getBytes();
  }

  private static List<org.apache.zookeeper.data.ACL> apacheAcl(List<ACL> acl) {
    return acl.stream()
        .map(
            a ->
                new org.apache.zookeeper.data.ACL(
                    a.perms(), new org.apache.zookeeper.data.Id(a.id().scheme(), a.id().id())))
        .toList();
  }
}

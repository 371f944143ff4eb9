package io.zkensemble.node.quorum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.AclCache;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading a SNAP stream replaces the database and rebuilds its indexes, or fails whole. */
class SnapStreamTest {
  private static final List<ACL> DIGEST = List.of(new ACL(31, new Id("digest", "a:b")));

  @Test
  void readReplacesTheDatabaseAndRebuildsItsIndexes() throws IOException {
    ZkDatabase source = new ZkDatabase(new EphemeralType(true));
    source.loadSession(0x51L, 5000);
    source.tree().createNode("/p", new byte[] {1}, DIGEST, 0, -1, 1, 1);
    source.tree().createNode("/p/e", new byte[0], DIGEST, 0x51L, -1, 2, 1);
    source.tree().createNode("/c", new byte[0], AclCache.OPEN_ACL_UNSAFE, Long.MIN_VALUE, -1, 3, 1);
    source
        .tree()
        .createNode(
            "/t", new byte[0], AclCache.OPEN_ACL_UNSAFE, EphemeralType.ttlOwner(60_000), -1, 4, 1);
    byte[] stream = SnapStream.write(source);

    ZkDatabase target = new ZkDatabase(new EphemeralType(true));
    target.loadSession(0x99L, 100);
    target.tree().createNode("/old", new byte[0], DIGEST, 0x99L, -1, 9, 1);
    SnapStream.read(stream, 4, target);

    assertEquals(Map.of(0x51L, 5000), target.sessionTimeouts());
    assertEquals(null, target.tree().node("/old"));
    assertEquals(List.of(), target.tree().ephemerals(0x99L));
    assertEquals(List.of("/p/e"), target.tree().ephemerals(0x51L));
    assertEquals(List.of("/c"), target.tree().containers());
    assertEquals(List.of("/t"), target.tree().ttlNodes());
    assertEquals(DIGEST, target.tree().acl(target.tree().node("/p/e")));
    assertEquals(4, target.tree().lastProcessedZxid());
    assertArrayEquals(stream, SnapStream.write(target));
  }

  /** As Apache's DataTree.deserialize ends: ACL lists no node uses are dropped. */
  @Test
  void unusedAclsAreDropped() throws IOException {
    Buffer stream = Buffer.buffer();
    JuteOutput out = new JuteOutput(stream);
    out.writeInt(0).writeInt(2);
    out.writeLong(1).writeRecords(DIGEST);
    out.writeLong(2).writeRecords(List.of(new ACL(1, new Id("ip", "10.0.0.1"))));
    writeNode(out, "", 1);
    writeNode(out, "/zookeeper", -1);
    out.writeString("/");
    ZkDatabase db = new ZkDatabase(new EphemeralType(false));
    SnapStream.read(stream.getBytes(), 1, db);
    assertEquals(Map.of(1L, DIGEST), db.tree().aclsByRef());
  }

  @Test
  void brokenStreamsFail() {
    byte[] good = SnapStream.write(QuorumFramesTest.database(3));
    assertFails("bytes after the nodes", Arrays.copyOf(good, good.length + 1));
    assertFails("truncated", Arrays.copyOf(good, good.length - 1));
    assertFails("negative count", Buffer.buffer().appendInt(-1).getBytes());
    assertFails(
        "without a list",
        Buffer.buffer().appendInt(0).appendInt(1).appendLong(1).appendInt(-1).getBytes());
    Buffer orphan = Buffer.buffer().appendInt(0).appendInt(0);
    JuteOutput out = new JuteOutput(orphan);
    writeNode(out, "", -1);
    writeNode(out, "/a/b", -1);
    out.writeString("/");
    assertFails("no parent for /a/b", orphan.getBytes());
  }

  private static void assertFails(String expected, byte[] stream) {
    IOException e =
        assertThrows(
            IOException.class,
            () -> SnapStream.read(stream, 1, new ZkDatabase(new EphemeralType(false))));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static void writeNode(JuteOutput out, String path, long aclRef) {
    out.writeString(path).writeBuffer(new byte[0]).writeLong(aclRef);
    for (int i = 0; i < 4; i++) {
      out.writeLong(0);
    }
    out.writeInt(0).writeInt(0).writeInt(0).writeLong(0).writeLong(0);
  }
}

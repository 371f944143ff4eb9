package io.zkensemble.node.quorum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.AclCache;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.quorum.LearnerInfo;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A quorum connection's bytes in every chunking: every message, packets the transport handles
 * itself, snapshots with what follows them; and each kind of bad input reported once, after which
 * nothing more is.
 */
class QuorumFramesTest {
  private static final int JUTE_MAX_BUFFER = 0xfffff;

  /** With jute.maxbuffer 100, BinaryInputArchive takes lengths up to 100 + 1024. */
  private static final int SMALL_MAX_BUFFER = 100;

  private static final int SMALL_LIMIT = 100 + 1024;

  @Test
  void everyMessageInEveryChunking() {
    List<Object> sent = new ArrayList<>();
    sent.add(new Message.LearnerInfo(false, 3, 2, 0x1_0000_0000L));
    sent.add(new Message.LearnerInfo(true, 3, 9, 0));
    sent.add(new Message.LeaderInfo(4));
    sent.add(new Message.AckEpoch(0x3_0000_0005L, 3));
    sent.add(new Message.AckEpoch(-1, -1));
    sent.add(new Message.Diff(0x3_0000_0005L));
    sent.add(new Message.Trunc(0x3_0000_0004L));
    sent.add(new Message.Snap(0x3_0000_0005L, SnapStream.write(database(30))));
    sent.add(new Message.Proposal(new Entry(0x4_0000_0001L, new byte[] {1, 2, 3})));
    sent.add(new Message.Commit(0x4_0000_0001L));
    sent.add(new Message.Inform(new Entry(0x4_0000_0001L, new byte[] {1, 2, 3})));
    sent.add(new Message.NewLeader(0x4_0000_0000L, "server.1=a:1:2:participant\nversion=0"));
    sent.add(new Message.NewLeader(0x4_0000_0000L, null));
    sent.add(new Message.Ack(0x4_0000_0000L));
    sent.add(new Message.UpToDate());
    sent.add(new Message.Ping(0x4_0000_0001L, null));
    sent.add(new Message.Ping(0x4_0000_0001L, SessionTouches.encode(Map.of(5L, 4000))));
    sent.add(
        new Message.Request(
            new ForwardedRequest(5, 1, 1, new byte[] {9}, List.of(new Id("ip", "1.2.3.4")))
                .toBytes()));
    sent.add(new Message.Sync());
    sent.add(Revalidate.request(5, 4000));
    sent.add(Revalidate.answer(5, false));
    sent.add(new Message.CommitAndActivate(0x4_0000_0002L, 0));
    // A type no version of Apache has.
    sent.add(new QuorumPacket(99, 0, null, List.of(new Id("a", "b"))));
    sent.add(new Message.Snap(0x4_0000_0002L, SnapStream.write(database(0))));
    sent.add(new Message.Ack(0x4_0000_0002L));

    Buffer bytes = Buffer.buffer();
    for (Object item : sent) {
      bytes.appendBuffer(
          item instanceof Message m
              ? QuorumCodec.encode(m)
              : QuorumCodec.encode((QuorumPacket) item));
    }
    List<Object> expected = sent.stream().map(Parsed::comparable).toList();
    for (Chunks.Way way : Chunks.ways(bytes.getBytes(), 13)) {
      Parsed parsed = Parsed.quorum(way.chunks(), JUTE_MAX_BUFFER);
      assertEquals(List.of(), parsed.errors, way.name());
      assertEquals(expected, parsed.comparable(), way.name());
    }
  }

  /** BinaryInputArchive.checkLength: lengths up to jute.maxbuffer plus its extra size. */
  @Test
  void dataUpToTheLimit() {
    Message largest = new Message.Proposal(new Entry(1, new byte[SMALL_LIMIT]));
    Parsed parsed = Parsed.quorum(List.of(QuorumCodec.encode(largest)), SMALL_MAX_BUFFER);
    assertEquals(List.of(), parsed.errors);
    assertEquals(List.of(Parsed.comparable(largest)), parsed.comparable());
  }

  @Test
  void badLengthsAreErrors() {
    assertError("unreasonable length " + (SMALL_LIMIT + 1), packetHeader(2, SMALL_LIMIT + 1));
    assertError("unreasonable length -2", packetHeader(2, -2));
    assertError("authinfo count -2", packetHeader(3, -1).appendInt(-2));
    assertError(
        "unreasonable length " + (SMALL_LIMIT + 1),
        packetHeader(3, -1)
            .appendInt(1)
            .appendInt(2)
            .appendString("ip")
            .appendInt(SMALL_LIMIT + 1));
  }

  /** The length is checked as soon as it arrives, not once the data it announces is there. */
  @Test
  void aHugeLengthFailsAtOnce() {
    Parsed parsed = Parsed.quorum(List.of(packetHeader(2, 0x1ffffe + 1)), JUTE_MAX_BUFFER);
    assertEquals(List.of("unreasonable length 2097151"), parsed.errors);
  }

  /** Data a packet type cannot have: Apache's reader of it would fail on it. */
  @Test
  void malformedDataIsAnError() {
    assertError("LEADERINFO without its 4-byte int", QuorumCodec.encode(packet(17, null)));
    assertError("ACKEPOCH without its 4-byte int", QuorumCodec.encode(packet(18, new byte[2])));
    assertError("PROPOSAL without data", QuorumCodec.encode(packet(2, null)));
    assertError("INFORM without data", QuorumCodec.encode(packet(8, null)));
    assertError("LearnerInfo without data", QuorumCodec.encode(packet(11, null)));
    // A LearnerInfo of a server before 3.5: sid and protocol version only.
    assertError("truncated record", QuorumCodec.encode(packet(11, new byte[12])));
    Buffer preZab1 = Buffer.buffer();
    new JuteOutput(preZab1).writeRecord(new LearnerInfo(2, 0xffff, 0));
    assertError(
        "learner protocol version 0xffff", QuorumCodec.encode(packet(16, preZab1.getBytes())));
  }

  @Test
  void aSnapshotMustEndWithTheSignature() {
    byte[] stream = SnapStream.write(database(3));
    Buffer wrong = snapPacket().appendBytes(stream);
    new JuteOutput(wrong).writeString("BenWasThere");
    assertError("signature BenWasThere after the snapshot", wrong);
    Buffer none = snapPacket().appendBytes(stream).appendInt(-1);
    assertError("signature null after the snapshot", none);
  }

  @Test
  void badSnapshotStreamsAreErrors() {
    assertError("negative count -1", snapPacket().appendInt(-1));
    assertError("negative count -3", snapPacket().appendInt(0).appendInt(-3));
    assertError(
        "negative count -1", snapPacket().appendInt(0).appendInt(1).appendLong(1).appendInt(-1));
    assertError(
        "unreasonable length -5",
        snapPacket()
            .appendInt(0)
            .appendInt(1)
            .appendLong(1)
            .appendInt(1)
            .appendInt(31)
            .appendInt(-5));
    assertError("a node without a path", snapPacket().appendInt(0).appendInt(0).appendInt(-1));
    Buffer longData = snapPacket().appendInt(0).appendInt(0);
    new JuteOutput(longData).writeString("");
    assertError("unreasonable length " + (SMALL_LIMIT + 1), longData.appendInt(SMALL_LIMIT + 1));
  }

  /**
   * A large snapshot fed in small pieces is parsed in time linear in its size: each piece resumes
   * from the last complete element (a parser that started over would take hours here).
   */
  @Test
  void aLargeSnapshotInSmallPiecesIsParsedInLinearTime() {
    Message.Snap snap = new Message.Snap(7, SnapStream.write(database(40_000)));
    byte[] bytes =
        QuorumCodec.encode(snap).appendBuffer(QuorumCodec.encode(new Message.Ack(8))).getBytes();
    List<Buffer> pieces = Chunks.cut(bytes, new Random(1), 16);
    assertTrue(bytes.length > 3_000_000, "a snapshot of " + bytes.length + " bytes");
    Parsed parsed =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> Parsed.quorum(pieces, JUTE_MAX_BUFFER));
    assertEquals(List.of(), parsed.errors);
    assertEquals(2, parsed.items.size());
    assertArrayEquals(snap.snapshot(), ((Message.Snap) parsed.items.get(0)).snapshot());
  }

  private static void assertError(String expected, Buffer bytes) {
    for (Chunks.Way way : Chunks.ways(bytes.getBytes(), 2)) {
      List<Buffer> chunks = new ArrayList<>(way.chunks());
      chunks.add(QuorumCodec.encode(new Message.Ack(1)));
      Parsed parsed = Parsed.quorum(chunks, SMALL_MAX_BUFFER);
      assertEquals(List.of(), parsed.items, way.name());
      assertEquals(1, parsed.errors.size(), way.name());
      assertTrue(parsed.errors.get(0).contains(expected), parsed.errors.get(0));
    }
  }

  private static Buffer packetHeader(int type, int dataLength) {
    return Buffer.buffer().appendInt(type).appendLong(1).appendInt(dataLength);
  }

  private static Buffer snapPacket() {
    return QuorumCodec.encode(packet(15, null));
  }

  private static QuorumPacket packet(int type, byte[] data) {
    return new QuorumPacket(type, 1, data, null);
  }

  /** A database with {@code nodes} nodes under /n, two sessions and one of them ephemeral. */
  static ZkDatabase database(int nodes) {
    ZkDatabase db = new ZkDatabase(new EphemeralType(false));
    db.loadSession(0x11L, 4000);
    db.loadSession(0x12L, 9000);
    db.tree().createNode("/n", new byte[0], AclCache.OPEN_ACL_UNSAFE, 0, -1, 1, 1);
    for (int i = 0; i < nodes; i++) {
      db.tree()
          .createNode(
              "/n/" + i,
              ("data " + i).getBytes(),
              AclCache.OPEN_ACL_UNSAFE,
              i % 7 == 0 ? 0x11L : 0,
              -1,
              2 + i,
              2);
    }
    return db;
  }
}

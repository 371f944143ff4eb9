package org.apache.zookeeper.server.quorum;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.quorum.Chunks;
import io.zkensemble.node.quorum.ForwardedRequest;
import io.zkensemble.node.quorum.Parsed;
import io.zkensemble.node.quorum.QuorumCodec;
import io.zkensemble.node.quorum.Revalidate;
import io.zkensemble.node.quorum.SessionTouches;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Message;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.RequestRecord;
import org.apache.zookeeper.server.quorum.flexible.QuorumMaj;
import org.apache.zookeeper.server.util.ZxidUtils;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.TxnDigest;
import org.apache.zookeeper.txn.TxnHeader;
import org.junit.jupiter.api.Test;

/**
 * Each quorum message encodes to the bytes Apache 3.9's Leader, LearnerHandler and Learner write
 * (their QuorumPacket through BinaryOutputArchive, with the data they put in it), and Apache's
 * bytes parse back into the same message. In Apache's package, for Leader's packet type constants
 * and Learner's package-private members.
 */
class QuorumPacketsGoldenTest {
  private static final long ZXID = 0x5_0000_0007L;
  private static final int JUTE_MAX_BUFFER = 0xfffff;

  @Test
  void typesAreLeadersNumbers() {
    assertEquals(Leader.FOLLOWERINFO, new Message.LearnerInfo(false, 1, 2, 3).type());
    assertEquals(Leader.OBSERVERINFO, new Message.LearnerInfo(true, 1, 2, 3).type());
    assertEquals(Leader.LEADERINFO, new Message.LeaderInfo(1).type());
    assertEquals(Leader.ACKEPOCH, new Message.AckEpoch(1, 2).type());
    assertEquals(Leader.DIFF, new Message.Diff(1).type());
    assertEquals(Leader.TRUNC, new Message.Trunc(1).type());
    assertEquals(Leader.SNAP, new Message.Snap(1, new byte[0]).type());
    assertEquals(Leader.PROPOSAL, new Message.Proposal(new Entry(1, new byte[0])).type());
    assertEquals(Leader.COMMIT, new Message.Commit(1).type());
    assertEquals(Leader.INFORM, new Message.Inform(new Entry(1, new byte[0])).type());
    assertEquals(Leader.NEWLEADER, new Message.NewLeader(1, "").type());
    assertEquals(Leader.ACK, new Message.Ack(1).type());
    assertEquals(Leader.UPTODATE, new Message.UpToDate().type());
    assertEquals(Leader.PING, new Message.Ping(1, null).type());
    assertEquals(Leader.REQUEST, new Message.Request(new byte[0]).type());
    assertEquals(Leader.SYNC, new Message.Sync().type());
    assertEquals(Leader.REVALIDATE, Revalidate.request(1, 2).type());
  }

  /** Learner.registerWithLeader: accepted epoch as a zxid, LearnerInfo(sid, 0x10000, version). */
  @Test
  void followerAndObserverInfo() throws IOException {
    for (boolean observer : new boolean[] {false, true}) {
      byte[] info = bytes(new LearnerInfo(3, 0x10000, 0x1_0000_0000L), "LearnerInfo");
      assertGolden(
          new Message.LearnerInfo(observer, 5, 3, 0x1_0000_0000L),
          packet(
              observer ? Leader.OBSERVERINFO : Leader.FOLLOWERINFO,
              ZxidUtils.makeZxid(5, 0),
              info));
    }
  }

  /** LearnerHandler: the new epoch's zxid and the protocol version 0x10000 in 4 bytes. */
  @Test
  void leaderInfo() throws IOException {
    byte[] version = new byte[4];
    ByteBuffer.wrap(version).putInt(0x10000);
    assertGolden(
        new Message.LeaderInfo(6), packet(Leader.LEADERINFO, ZxidUtils.makeZxid(6, 0), version));
  }

  /** Learner: the last logged zxid, and the current epoch (or -1) as an int. */
  @Test
  void ackEpoch() throws IOException {
    for (int epoch : new int[] {4, -1}) {
      byte[] epochBytes = new byte[4];
      ByteBuffer.wrap(epochBytes).putInt(epoch);
      assertGolden(new Message.AckEpoch(ZXID, epoch), packet(Leader.ACKEPOCH, ZXID, epochBytes));
    }
  }

  /** LearnerHandler: NEWLEADER carries getQuorumVerifierBytes(), the configuration as text. */
  @Test
  void newLeaderCarriesTheConfiguration() throws Exception {
    Properties servers = new Properties();
    servers.setProperty("server.1", "127.0.0.1:2888:3888:participant;0.0.0.0:2181");
    servers.setProperty("server.2", "127.0.0.2:2888:3888:participant;0.0.0.0:2181");
    servers.setProperty("server.3", "127.0.0.3:2888:3888:observer;0.0.0.0:2181");
    servers.setProperty("version", "100000000");
    String config = new QuorumMaj(servers).toString();
    assertGolden(
        new Message.NewLeader(ZxidUtils.makeZxid(6, 0), config),
        packet(Leader.NEWLEADER, ZxidUtils.makeZxid(6, 0), config.getBytes(UTF_8)));
  }

  /** Leader.propose and sendObserverPacket: the request's TxnHeader, txn and digest. */
  @Test
  void proposalAndInformCarryTheSerializedTxn() throws IOException {
    TxnHeader header = new TxnHeader(0x100L, 7, ZXID, 1_700_000_000_000L, ZooDefs.OpCode.create);
    CreateTxn txn = new CreateTxn("/a", "x".getBytes(UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, true, 2);
    byte[] data = new Request(header, txn, new TxnDigest(2, 0x1234L)).getSerializeData();
    assertGolden(new Message.Proposal(new Entry(ZXID, data)), packet(Leader.PROPOSAL, ZXID, data));
    assertGolden(new Message.Inform(new Entry(ZXID, data)), packet(Leader.INFORM, ZXID, data));
  }

  /** Packets that carry a zxid only, with the zxid each sender puts in. */
  @Test
  void zxidOnlyPackets() throws IOException {
    assertGolden(new Message.Commit(ZXID), packet(Leader.COMMIT, ZXID, null));
    assertGolden(new Message.Ack(ZXID), packet(Leader.ACK, ZXID, null));
    assertGolden(new Message.Diff(ZXID), packet(Leader.DIFF, ZXID, null));
    assertGolden(new Message.Trunc(ZXID), packet(Leader.TRUNC, ZXID, null));
    // LearnerHandler: new QuorumPacket(Leader.UPTODATE, -1, null, null).
    assertGolden(new Message.UpToDate(), packet(Leader.UPTODATE, -1, null));
    // Leader.sendSync: new QuorumPacket(Leader.SYNC, 0, null, null).
    assertGolden(new Message.Sync(), packet(Leader.SYNC, 0, null));
  }

  /**
   * The leader pings with its last proposed zxid and no data; the learner echoes the zxid with its
   * session touches (an empty array when there are none: the leader reads it without a null check).
   */
  @Test
  void pings() throws IOException {
    assertGolden(new Message.Ping(ZXID, null), packet(Leader.PING, ZXID, null));
    Map<Long, Integer> touches = new LinkedHashMap<>();
    touches.put(0x100_0000_0000_0001L, 30_000);
    touches.put(0x200_0000_0000_0002L, 4_000);
    ByteArrayOutputStream touchBytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(touchBytes);
    for (Map.Entry<Long, Integer> touch : touches.entrySet()) {
      out.writeLong(touch.getKey());
      out.writeInt(touch.getValue());
    }
    assertArrayEquals(touchBytes.toByteArray(), SessionTouches.encode(touches));
    assertEquals(touches, SessionTouches.decode(touchBytes.toByteArray()));
    assertGolden(
        new Message.Ping(ZXID, SessionTouches.encode(touches)),
        packet(Leader.PING, ZXID, touchBytes.toByteArray()));
    assertGolden(
        new Message.Ping(ZXID, SessionTouches.encode(Map.of())),
        packet(Leader.PING, ZXID, new byte[0]));
  }

  /** Apache's Learner.request writes the packet that ForwardedRequest writes and reads. */
  @Test
  void forwardedRequestIsWhatLearnerRequestWrites() throws IOException {
    List<Id> auth = List.of(new Id("ip", "127.0.0.1"), new Id("digest", "u:h"));
    CreateRequest create =
        new CreateRequest("/b", new byte[] {1, 2}, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0);
    byte[] apache =
        learnerRequest(
            new Request(
                null, 0x1234L, 42, ZooDefs.OpCode.create, RequestRecord.fromRecord(create), auth));
    ForwardedRequest ours =
        new ForwardedRequest(
            0x1234L,
            42,
            ZooDefs.OpCode.create,
            bytes(create, "request"),
            List.of(
                new io.zkensemble.node.wire.data.Id("ip", "127.0.0.1"),
                new io.zkensemble.node.wire.data.Id("digest", "u:h")));
    assertArrayEquals(apache, ours.toBytes());
    assertEquals(ours, ForwardedRequest.fromBytes(apache));
    Message request = single(Parsed.quorum(List.of(Buffer.buffer(apache)), JUTE_MAX_BUFFER));
    assertArrayEquals(apache, ((Message.Request) request).data());
    assertArrayEquals(apache, QuorumCodec.encode(request).getBytes());
  }

  /** A request without a body (closeSession) and a connection without ids. */
  @Test
  void forwardedRequestWithoutBodyOrIds() throws IOException {
    byte[] apache =
        learnerRequest(
            new Request(
                null,
                0x99L,
                3,
                ZooDefs.OpCode.closeSession,
                RequestRecord.fromBytes(new byte[0]),
                new ArrayList<>()));
    ForwardedRequest ours =
        new ForwardedRequest(0x99L, 3, ZooDefs.OpCode.closeSession, new byte[0], List.of());
    assertArrayEquals(apache, ours.toBytes());
    assertEquals(ours, ForwardedRequest.fromBytes(apache));
  }

  /**
   * REVALIDATE as Learner.validateSession and Leader.revalidateSession fill it; the transport gets
   * it as a packet of its own.
   */
  @Test
  void revalidate() throws IOException {
    ByteArrayOutputStream ask = new ByteArrayOutputStream();
    new DataOutputStream(ask).writeLong(0x77L);
    new DataOutputStream(ask).writeInt(5000);
    byte[] apacheAsk = bytes(packet(Leader.REVALIDATE, -1, ask.toByteArray()), "packet");
    assertArrayEquals(apacheAsk, QuorumCodec.encode(Revalidate.request(0x77L, 5000)).getBytes());
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    new DataOutputStream(answer).writeLong(0x77L);
    new DataOutputStream(answer).writeBoolean(true);
    byte[] apacheAnswer = bytes(packet(Leader.REVALIDATE, -1, answer.toByteArray()), "packet");
    assertArrayEquals(apacheAnswer, QuorumCodec.encode(Revalidate.answer(0x77L, true)).getBytes());

    Parsed parsed =
        Parsed.quorum(List.of(Buffer.buffer(apacheAsk).appendBytes(apacheAnswer)), JUTE_MAX_BUFFER);
    assertEquals(List.of(), parsed.errors);
    assertEquals(
        new Revalidate.Request(0x77L, 5000),
        Revalidate.readRequest((io.zkensemble.node.wire.quorum.QuorumPacket) parsed.items.get(0)));
    assertEquals(
        new Revalidate.Answer(0x77L, true),
        Revalidate.readAnswer((io.zkensemble.node.wire.quorum.QuorumPacket) parsed.items.get(1)));
  }

  /**
   * COMMITANDACTIVATE (Leader.commitAndActivate: the designated leader as the data) and
   * INFORMANDACTIVATE (Leader.buildInformAndActivePacket: the designated leader, then the txn).
   */
  @Test
  void reconfigPacketsBothWays() throws IOException {
    byte[] leaderId = ByteBuffer.allocate(8).putLong(2).array();
    byte[] commit = bytes(packet(Leader.COMMITANDACTIVATE, ZXID, leaderId), "packet");
    byte[] txn = {1, 2, 3};
    byte[] inform = bytes(Leader.buildInformAndActivePacket(ZXID, 2, txn), "packet");
    List<Message> messages =
        List.of(
            new Message.CommitAndActivate(ZXID, 2),
            new Message.InformAndActivate(new Entry(ZXID, txn), 2));
    List<byte[]> apache = List.of(commit, inform);
    for (int i = 0; i < 2; i++) {
      Parsed parsed = Parsed.quorum(List.of(Buffer.buffer(apache.get(i))), JUTE_MAX_BUFFER);
      assertEquals(List.of(), parsed.errors);
      assertEquals(List.of(Parsed.comparable(messages.get(i))), parsed.comparable());
      assertArrayEquals(apache.get(i), QuorumCodec.encode(messages.get(i)).getBytes());
    }
  }

  /** Everything above back to back, as one connection carries it, in chunks of every size. */
  @Test
  void aConnectionOfApachePackets() throws IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<Object> expected = new ArrayList<>();
    byte[] txn = new byte[300];
    for (int i = 0; i < 50; i++) {
      long zxid = ZxidUtils.makeZxid(3, i + 1);
      txn[i] = (byte) i;
      stream.write(bytes(packet(Leader.PROPOSAL, zxid, txn), "packet"));
      expected.add(Parsed.comparable(new Message.Proposal(new Entry(zxid, txn.clone()))));
      stream.write(bytes(packet(Leader.COMMIT, zxid, null), "packet"));
      expected.add(Parsed.comparable(new Message.Commit(zxid)));
      stream.write(bytes(packet(Leader.PING, zxid, null), "packet"));
      expected.add(Parsed.comparable(new Message.Ping(zxid, null)));
    }
    for (Chunks.Way way : Chunks.ways(stream.toByteArray(), 7)) {
      Parsed parsed = Parsed.quorum(way.chunks(), JUTE_MAX_BUFFER);
      assertEquals(List.of(), parsed.errors, way.name());
      assertEquals(expected, parsed.comparable(), way.name());
    }
  }

  private static void assertGolden(Message ours, QuorumPacket apache) throws IOException {
    byte[] expected = bytes(apache, "packet");
    assertArrayEquals(expected, QuorumCodec.encode(ours).getBytes(), () -> "encoding " + ours);
    Message decoded = single(Parsed.quorum(List.of(Buffer.buffer(expected)), JUTE_MAX_BUFFER));
    assertEquals(Parsed.comparable(ours), Parsed.comparable(decoded), "decoding " + ours);
  }

  private static Message single(Parsed parsed) {
    assertEquals(List.of(), parsed.errors);
    assertEquals(1, parsed.items.size(), () -> "parsed " + parsed.items);
    return (Message) parsed.items.get(0);
  }

  private static QuorumPacket packet(int type, long zxid, byte[] data) {
    return new QuorumPacket(type, zxid, data, null);
  }

  /** What Apache's Learner writes to the leader for a forwarded request. */
  private static byte[] learnerRequest(Request request) throws IOException {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    Learner learner = new Learner();
    learner.bufferedOutput = new BufferedOutputStream(sent);
    learner.leaderOs = BinaryOutputArchive.getArchive(learner.bufferedOutput);
    learner.request(request);
    assertNull(learner.sender, "Learner wrote synchronously");
    return sent.toByteArray();
  }

  static byte[] bytes(Record record, String tag) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryOutputArchive.getArchive(bytes).writeRecord(record, tag);
    return bytes.toByteArray();
  }
}

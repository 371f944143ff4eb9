package io.zkensemble.node.wire;

import static io.zkensemble.node.wire.GoldenBytes.assertGolden;
import static io.zkensemble.node.wire.WireFixtures.DATA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.persistence.FileHeader;
import io.zkensemble.node.wire.quorum.LearnerInfo;
import io.zkensemble.node.wire.quorum.QuorumAuthPacket;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumRecordsGoldenTest {
  @Test
  void learnerInfo() {
    LearnerInfo decoded =
        assertGolden(
            new LearnerInfo(-3, 0x10000, 0x2_0000_0000L),
            new org.apache.zookeeper.server.quorum.LearnerInfo(-3, 0x10000, 0x2_0000_0000L),
            LearnerInfo::readFrom);
    assertEquals(new LearnerInfo(-3, 0x10000, 0x2_0000_0000L), decoded);
  }

  @Test
  void quorumPacket() {
    List<Id> authinfo = List.of(new Id("ip", "10.1.2.3"), new Id("sasl", "zk/höst@東京"));
    QuorumPacket decoded =
        assertGolden(
            new QuorumPacket(2, 0x7_0000_0011L, DATA, authinfo),
            new org.apache.zookeeper.server.quorum.QuorumPacket(
                2,
                0x7_0000_0011L,
                DATA,
                List.of(
                    new org.apache.zookeeper.data.Id("ip", "10.1.2.3"),
                    new org.apache.zookeeper.data.Id("sasl", "zk/höst@東京"))),
            QuorumPacket::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(authinfo, decoded.authinfo());
    assertEquals(0x7_0000_0011L, decoded.zxid());
  }

  @Test
  void quorumPacketWithNulls() {
    QuorumPacket decoded =
        assertGolden(
            new QuorumPacket(-5, -1, null, null),
            new org.apache.zookeeper.server.quorum.QuorumPacket(-5, -1, null, null),
            QuorumPacket::readFrom);
    assertNull(decoded.data());
    assertNull(decoded.authinfo());
  }

  @Test
  void quorumAuthPacket() {
    QuorumAuthPacket decoded =
        assertGolden(
            new QuorumAuthPacket(0xcafe_babe_dead_beefL, -1, DATA),
            new org.apache.zookeeper.server.quorum.QuorumAuthPacket(
                0xcafe_babe_dead_beefL, -1, DATA),
            QuorumAuthPacket::readFrom);
    assertArrayEquals(DATA, decoded.token());
    assertEquals(0xcafe_babe_dead_beefL, decoded.magic());
  }

  @Test
  void quorumAuthPacketWithNullToken() {
    QuorumAuthPacket decoded =
        assertGolden(
            new QuorumAuthPacket(1, 2, null),
            new org.apache.zookeeper.server.quorum.QuorumAuthPacket(1, 2, null),
            QuorumAuthPacket::readFrom);
    assertNull(decoded.token());
  }

  @Test
  void fileHeader() {
    FileHeader decoded =
        assertGolden(
            new FileHeader(0x5a4b_4c47, 2, -1L),
            new org.apache.zookeeper.server.persistence.FileHeader(0x5a4b_4c47, 2, -1L),
            FileHeader::readFrom);
    assertEquals(new FileHeader(0x5a4b_4c47, 2, -1L), decoded);
  }
}

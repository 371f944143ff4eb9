package io.zkensemble.node.wire;

import static io.zkensemble.node.wire.GoldenBytes.assertGolden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.ClientInfo;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.data.Stat;
import io.zkensemble.node.wire.data.StatPersisted;
import org.junit.jupiter.api.Test;

class DataRecordsGoldenTest {
  @Test
  void id() {
    Id decoded =
        assertGolden(
            new Id("digest", "user:pw"),
            new org.apache.zookeeper.data.Id("digest", "user:pw"),
            Id::readFrom);
    assertEquals(new Id("digest", "user:pw"), decoded);
  }

  @Test
  void idWithNullAndUnicodeStrings() {
    assertGolden(
        new Id(null, "zürich-東京"),
        new org.apache.zookeeper.data.Id(null, "zürich-東京"),
        Id::readFrom);
  }

  /**
   * Apache encodes each UTF-16 char on its own, so a character beyond U+FFFF takes six bytes
   * (CESU-8), not UTF-8's four; a NUL char is one zero byte. We write exactly Apache's bytes.
   */
  @Test
  void stringsAreEncodedCharByCharLikeApache() {
    String text = "a\u0000ü東\uD83D\uDE00";
    byte[] expected = GoldenBytes.apacheBytes(new org.apache.zookeeper.data.Id("world", text));
    assertArrayEquals(expected, GoldenBytes.ourBytes(new Id("world", text)));
    assertEquals(4 + 5 + 4 + 1 + 1 + 2 + 3 + 6, expected.length);
  }

  @Test
  void acl() {
    assertGolden(
        new ACL(31, new Id("world", "anyone")),
        new org.apache.zookeeper.data.ACL(31, new org.apache.zookeeper.data.Id("world", "anyone")),
        ACL::readFrom);
  }

  @Test
  void stat() {
    Stat ours = new Stat(1L << 40, 2, 3, 4, 5, -6, 7, 0x1234_5678_9abc_def0L, 9, 10, -11);
    Stat decoded =
        assertGolden(
            ours,
            new org.apache.zookeeper.data.Stat(
                1L << 40, 2, 3, 4, 5, -6, 7, 0x1234_5678_9abc_def0L, 9, 10, -11),
            Stat::readFrom);
    assertEquals(ours, decoded);
  }

  @Test
  void statPersisted() {
    StatPersisted ours =
        new StatPersisted(
            -1L, 1L << 33, 1_700_000_000_000L, 5, -6, 7, -8, 0x7fff_0000_1111_2222L, 9);
    StatPersisted decoded =
        assertGolden(
            ours,
            new org.apache.zookeeper.data.StatPersisted(
                -1L, 1L << 33, 1_700_000_000_000L, 5, -6, 7, -8, 0x7fff_0000_1111_2222L, 9),
            StatPersisted::readFrom);
    assertEquals(ours, decoded);
    assertEquals(9, decoded.pzxid());
  }

  @Test
  void clientInfo() {
    ClientInfo decoded =
        assertGolden(
            new ClientInfo("sasl", "zk/höst@東京"),
            new org.apache.zookeeper.data.ClientInfo("sasl", "zk/höst@東京"),
            ClientInfo::readFrom);
    assertEquals(new ClientInfo("sasl", "zk/höst@東京"), decoded);
  }

  @Test
  void clientInfoWithNulls() {
    ClientInfo decoded =
        assertGolden(
            new ClientInfo(null, null),
            new org.apache.zookeeper.data.ClientInfo(null, null),
            ClientInfo::readFrom);
    assertNull(decoded.authScheme());
    assertNull(decoded.user());
  }
}

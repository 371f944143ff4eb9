package io.zkensemble.node.wire;

import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.data.Stat;
import java.util.List;

/** Distinct, non-default field values for the golden tests, in our types and in Apache's. */
final class WireFixtures {
  static final String PATH = "/zürich/東京/ñ";
  static final byte[] DATA = {0, 1, -1, 127, -128, 42};
  static final List<String> PATHS = List.of("/a", "/über/東", "");

  static final List<ACL> ACLS =
      List.of(new ACL(31, new Id("world", "anyone")), new ACL(-3, new Id("digest", "bob:hä=")));
  static final List<org.apache.zookeeper.data.ACL> APACHE_ACLS =
      List.of(
          new org.apache.zookeeper.data.ACL(
              31, new org.apache.zookeeper.data.Id("world", "anyone")),
          new org.apache.zookeeper.data.ACL(
              -3, new org.apache.zookeeper.data.Id("digest", "bob:hä=")));

  static final Stat STAT =
      new Stat(1L << 40, -2, 3, 4, 5, -6, 7, 0x1234_5678_9abc_def0L, 9, 10, -11);
  static final org.apache.zookeeper.data.Stat APACHE_STAT =
      new org.apache.zookeeper.data.Stat(
          1L << 40, -2, 3, 4, 5, -6, 7, 0x1234_5678_9abc_def0L, 9, 10, -11);

  private WireFixtures() {}
}

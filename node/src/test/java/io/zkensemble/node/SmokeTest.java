package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestNode;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void createAndRead() throws Exception {
    try (TestNode node = TestNode.start();
        ZooKeeper zk = Clients.connect(node)) {
      zk.create(
          "/a",
          "hello".getBytes(StandardCharsets.UTF_8),
          ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), zk.getData("/a", false, null));
      assertEquals(
          java.util.List.of("a", "zookeeper"),
          zk.getChildren("/", false).stream().sorted().toList());
    }
  }
}

package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/** Requests of one session are answered strictly in the order they were sent. */
class RequestOrderTest {
  private static final int PAIRS = 2_000;

  @Test
  void pipelinedWritesAndReadsOfOneSessionAreAnsweredInOrderAndReadTheirWrites() throws Exception {
    try (TestNode node = TestNode.start();
        ZooKeeper zk = Clients.connect(node)) {
      zk.create("/o", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      List<String> answers = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(2 * PAIRS);
      for (int i = 0; i < PAIRS; i++) {
        String path = "/o/n" + i;
        byte[] data = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        zk.create(
            path,
            data,
            ZooDefs.Ids.OPEN_ACL_UNSAFE,
            CreateMode.PERSISTENT,
            (rc, p, ctx, name) -> {
              answers.add("create " + p + " " + Code.get(rc));
              done.countDown();
            },
            null);
        zk.getData(
            path,
            false,
            (rc, p, ctx, read, stat) -> {
              boolean same = rc == 0 && java.util.Arrays.equals(data, read);
              answers.add("getData " + p + " " + Code.get(rc) + " " + same);
              done.countDown();
            },
            null);
      }
      assertEquals(true, done.await(Clients.WAIT_SECONDS, TimeUnit.SECONDS));
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < PAIRS; i++) {
        expected.add("create /o/n" + i + " OK");
        expected.add("getData /o/n" + i + " OK true");
      }
      assertEquals(expected, answers);
      assertArrayEquals(
          Integer.toString(PAIRS - 1).getBytes(StandardCharsets.UTF_8),
          zk.getData("/o/n" + (PAIRS - 1), false, null));
    }
  }
}

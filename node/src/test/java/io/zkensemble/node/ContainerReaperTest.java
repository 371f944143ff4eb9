package io.zkensemble.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * Container and TTL nodes are deleted by the server once empty (containers) or expired (TTL), with
 * Apache's ContainerManager rules, through the normal write path: watchers see NodeDeleted.
 */
class ContainerReaperTest {
  private static final Duration DEADLINE = Duration.ofSeconds(Clients.WAIT_SECONDS);

  @Test
  void aContainerGoesOnceItsLastChildIsGoneAndANewOneStays() throws Exception {
    try (TestNode node = TestNode.start("znode.container.checkIntervalMs=50");
        ZooKeeper zk = Clients.connect(node)) {
      zk.create("/box", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
      zk.create("/never-used", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
      zk.create("/box/item", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      await()
          .during(Duration.ofMillis(300))
          .atMost(DEADLINE)
          .until(() -> zk.exists("/box", false) != null);
      BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
      zk.exists("/box", events::add);
      zk.delete("/box/item", -1);
      WatchedEvent deleted = events.poll(Clients.WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(deleted, "the empty container is deleted");
      assertEquals(EventType.NodeDeleted, deleted.getType());
      assertNotNull(zk.exists("/never-used", false), "a container that never had a child stays");
    }
  }

  @Test
  void maxNeverUsedIntervalRemovesContainersThatNeverHadAChild() throws Exception {
    try (TestNode node =
            TestNode.start(
                "znode.container.checkIntervalMs=50",
                "znode.container.maxNeverUsedIntervalMs=200");
        ZooKeeper zk = Clients.connect(node)) {
      zk.create("/idle", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
      await().atMost(DEADLINE).until(() -> zk.exists("/idle", false) == null);
    }
  }

  @Test
  void aTtlNodeExpiresUnlessItHasChildrenOrIsTouched() throws Exception {
    try (TestNode node =
            TestNode.start("extendedTypesEnabled=true", "znode.container.checkIntervalMs=50");
        ZooKeeper zk = Clients.connect(node)) {
      Stat stat = new Stat();
      zk.create(
          "/short", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, stat, 300);
      zk.create(
          "/parent", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, stat, 300);
      zk.create("/parent/child", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      await().atMost(DEADLINE).until(() -> zk.exists("/short", false) == null);
      assertNotNull(zk.exists("/parent", false), "a TTL node with children is kept");
      zk.delete("/parent/child", -1);
      await().atMost(DEADLINE).until(() -> zk.exists("/parent", false) == null);
    }
  }

  @Test
  void deletionsAreSpacedByMaxPerMinute() throws Exception {
    // 600 a minute: at least 100 ms between two deletions.
    try (TestNode node =
            TestNode.start(
                "znode.container.checkIntervalMs=50", "znode.container.maxPerMinute=600");
        ZooKeeper zk = Clients.connect(node)) {
      BlockingQueue<Long> deletedAt = new LinkedBlockingQueue<>();
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String path = "/c" + i;
        zk.create(path, null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create(path + "/x", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.exists(path, e -> deletedAt.add(System.nanoTime()));
        paths.add(path);
      }
      for (String path : paths) {
        zk.delete(path + "/x", -1);
      }
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < paths.size(); i++) {
        Long at = deletedAt.poll(Clients.WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(at, "every container is deleted");
        times.add(at);
      }
      long spanMs = (times.get(times.size() - 1) - times.get(0)) / 1_000_000;
      assertTrue(spanMs >= 3 * 90, "4 deletions at 600 a minute take 300 ms, took " + spanMs);
      for (String path : paths) {
        assertNull(zk.exists(path, false));
      }
    }
  }
}

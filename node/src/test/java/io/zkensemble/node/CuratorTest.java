package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestNode;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Curator 5.9 and its recipes, unmodified, against our node. */
class CuratorTest {
  private TestNode node;

  @BeforeEach
  void startNode() {
    node = TestNode.start();
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  private CuratorFramework curator() throws InterruptedException {
    CuratorFramework curator =
        CuratorFrameworkFactory.newClient(node.connectString(), new RetryOneTime(100));
    curator.start();
    assertTrue(curator.blockUntilConnected((int) Clients.WAIT_SECONDS, TimeUnit.SECONDS));
    return curator;
  }

  @Test
  void createsWithParentsReadsAndDeletesSubtrees() throws Exception {
    try (CuratorFramework curator = curator()) {
      curator.create().creatingParentsIfNeeded().forPath("/app/config/db", "url".getBytes());
      curator
          .create()
          .creatingParentContainersIfNeeded()
          .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
          .forPath("/app/members/m-", "1".getBytes());
      assertArrayEquals("url".getBytes(), curator.getData().forPath("/app/config/db"));
      List<String> members = curator.getChildren().forPath("/app/members");
      assertEquals(List.of("m-0000000000"), members);
      Stat stat = new Stat();
      curator.getData().storingStatIn(stat).forPath("/app/config/db");
      curator.setData().withVersion(stat.getVersion()).forPath("/app/config/db", "url2".getBytes());
      curator.delete().deletingChildrenIfNeeded().forPath("/app");
      assertNull(curator.checkExists().forPath("/app"));
    }
  }

  @Test
  void interProcessMutexExcludesTheOtherClient() throws Exception {
    try (CuratorFramework first = curator();
        CuratorFramework second = curator()) {
      InterProcessMutex lockA = new InterProcessMutex(first, "/locks/a");
      InterProcessMutex lockB = new InterProcessMutex(second, "/locks/a");
      assertTrue(lockA.acquire(Clients.WAIT_SECONDS, TimeUnit.SECONDS));
      assertFalse(lockB.acquire(200, TimeUnit.MILLISECONDS), "held by the first client");
      CountDownLatch acquired = new CountDownLatch(1);
      Thread waiter =
          new Thread(
              () -> {
                try {
                  if (lockB.acquire(Clients.WAIT_SECONDS, TimeUnit.SECONDS)) {
                    acquired.countDown();
                    lockB.release();
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      waiter.start();
      lockA.release();
      assertTrue(
          acquired.await(Clients.WAIT_SECONDS, TimeUnit.SECONDS),
          "the waiter's watch on its predecessor fires when the first client releases");
      waiter.join();
    }
  }

  @Test
  void leaderLatchFailsOverWhenTheLeaderLeaves() throws Exception {
    try (CuratorFramework first = curator();
        CuratorFramework second = curator()) {
      LeaderLatch a = new LeaderLatch(first, "/election", "a");
      LeaderLatch b = new LeaderLatch(second, "/election", "b");
      a.start();
      assertTrue(a.await(Clients.WAIT_SECONDS, TimeUnit.SECONDS));
      b.start();
      assertFalse(b.hasLeadership());
      assertEquals("a", b.getLeader().getId());
      a.close();
      assertTrue(b.await(Clients.WAIT_SECONDS, TimeUnit.SECONDS), "b takes over");
      b.close();
    }
  }

  @Test
  void countersUseVersionedWrites() throws Exception {
    try (CuratorFramework first = curator();
        CuratorFramework second = curator()) {
      DistributedAtomicLong counterA =
          new DistributedAtomicLong(first, "/counters/hits", new RetryOneTime(10));
      DistributedAtomicLong counterB =
          new DistributedAtomicLong(second, "/counters/hits", new RetryOneTime(10));
      AtomicInteger succeeded = new AtomicInteger();
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        DistributedAtomicLong counter = t % 2 == 0 ? counterA : counterB;
        threads[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    try {
                      AtomicValue<Long> value;
                      do {
                        value = counter.increment();
                      } while (!value.succeeded());
                      succeeded.incrementAndGet();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
        threads[t].start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(100, succeeded.get());
      assertEquals(100L, counterA.get().postValue());

      SharedCount shared = new SharedCount(second, "/counters/shared", 0);
      shared.start();
      var before = shared.getVersionedValue();
      assertTrue(shared.trySetCount(before, 5));
      assertFalse(shared.trySetCount(before, 6), "a stale version is refused (BadVersion)");
      assertEquals(5, shared.getCount());
      shared.close();
    }
  }
}

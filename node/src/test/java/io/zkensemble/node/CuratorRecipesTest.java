package io.zkensemble.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.ConcurrencyMeter;
import io.zkensemble.node.testing.Concurrently;
import io.zkensemble.node.testing.CuratorClients;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.Threads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.recipes.nodes.PersistentTtlNode;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.SharedCountListener;
import org.apache.curator.framework.recipes.shared.SharedCountReader;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Curator 5.9's recipes, unmodified, against our node: each with several participants, each
 * participant a CuratorFramework of its own and so a session of its own, as separate processes
 * would be. Every wait has a deadline; participants meet through latches and barriers, never
 * through sleeps.
 */
class CuratorRecipesTest {
  private static final Duration WAIT = Duration.ofSeconds(Clients.WAIT_SECONDS);

  private TestNode node;
  private CuratorClients clients;

  /** Starts the node with {@code config} lines added to its zoo.cfg. */
  private void start(String... config) {
    node = TestNode.start(config);
    clients = new CuratorClients(node);
  }

  @AfterEach
  void stop() {
    if (clients != null) {
      clients.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void interProcessMutexSerializesIncrementsOfANonAtomicCounter() throws Exception {
    start();
    int workers = 5;
    int increments = 20;
    List<CuratorFramework> sessions = clients.connect(workers);
    RacyCounter counter = new RacyCounter();
    ConcurrencyMeter holders = new ConcurrencyMeter();

    Concurrently.run(
        workers,
        i -> {
          InterProcessMutex lock = new InterProcessMutex(sessions.get(i), "/locks/counter");
          for (int n = 0; n < increments; n++) {
            assertTrue(lock.acquire(WAIT.toSeconds(), TimeUnit.SECONDS), "lock acquired in time");
            holders.enter();
            try {
              counter.increment();
            } finally {
              holders.exit();
              lock.release();
            }
          }
        });

    assertEquals(workers * increments, counter.value, "no increment was lost");
    assertEquals(1, holders.max(), "one holder at a time");
    assertEquals(List.of(), children(sessions.get(0), "/locks/counter"), "no lock node left");
  }

  @Test
  void semaphoreV2GrantsTwoLeasesAtATimeAndEveryWorkerItsTurn() throws Exception {
    start();
    int workers = 5;
    int turns = 2;
    int leases = 2;
    List<CuratorFramework> sessions = clients.connect(workers);
    ConcurrencyMeter holders = new ConcurrencyMeter();
    AtomicIntegerArray granted = new AtomicIntegerArray(workers);
    // Each holder waits for a second holder before returning its lease: two leases must be out at
    // once (10 grants, an even number, pair up), and a third holder would show in the meter.
    CyclicBarrier pair = new CyclicBarrier(leases);

    Concurrently.run(
        workers,
        i -> {
          InterProcessSemaphoreV2 semaphore =
              new InterProcessSemaphoreV2(sessions.get(i), "/semaphores/pool", leases);
          for (int n = 0; n < turns; n++) {
            Lease lease = semaphore.acquire(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(lease, "worker " + i + " got a lease in time");
            holders.enter();
            try {
              granted.incrementAndGet(i);
              pair.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
              holders.exit();
              semaphore.returnLease(lease);
            }
          }
        });

    assertEquals(leases, holders.max(), "never more holders than leases, and all leases used");
    for (int i = 0; i < workers; i++) {
      assertEquals(turns, granted.get(i), "leases granted to worker " + i);
    }
  }

  @Test
  void leaderLatchHasExactlyOneLeaderAndFailsOverToExactlyOne() throws Exception {
    start();
    int participants = 3;
    List<CuratorFramework> sessions = clients.connect(participants);
    AtomicIntegerArray becameLeader = new AtomicIntegerArray(participants);
    List<LeaderLatch> running = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      LeaderLatch latch = new LeaderLatch(sessions.get(i), "/election/latch", "p" + i);
      int index = i;
      latch.addListener(
          new LeaderLatchListener() {
            @Override
            public void isLeader() {
              becameLeader.incrementAndGet(index);
            }

            @Override
            public void notLeader() {}
          });
      running.add(latch);
    }
    List<LeaderLatch> latches = List.copyOf(running);
    for (LeaderLatch latch : latches) {
      latch.start();
    }
    await("all participants registered")
        .atMost(WAIT)
        .until(() -> latches.getFirst().getParticipants().size() == participants);

    while (!running.isEmpty()) {
      LeaderLatch leader = awaitTheOnlyLeader(running);
      for (LeaderLatch latch : running) {
        assertEquals(leader.getId(), latch.getLeader().getId(), latch.getId() + "'s view");
        List<String> leaders =
            latch.getParticipants().stream()
                .filter(Participant::isLeader)
                .map(Participant::getId)
                .toList();
        assertEquals(List.of(leader.getId()), leaders, latch.getId() + "'s participants");
        assertEquals(running.size(), latch.getParticipants().size());
      }
      leader.close();
      assertFalse(leader.hasLeadership(), "a closed latch has no leadership");
      running.remove(leader);
    }

    await("every participant told it leads")
        .atMost(WAIT)
        .until(() -> IntStream.range(0, participants).map(becameLeader::get).sum() == participants);
    for (int i = 0; i < participants; i++) {
      assertEquals(1, becameLeader.get(i), "p" + i + " became leader once");
    }
  }

  /** Waits for one of {@code latches} to lead, failing at once if two ever lead together. */
  private static LeaderLatch awaitTheOnlyLeader(List<LeaderLatch> latches) {
    await("exactly one leader among " + latches.size())
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .failFast("two leaders at once", () -> leaders(latches).size() > 1)
        .until(() -> leaders(latches).size() == 1);
    return leaders(latches).getFirst();
  }

  private static List<LeaderLatch> leaders(List<LeaderLatch> latches) {
    return latches.stream().filter(LeaderLatch::hasLeadership).toList();
  }

  @Test
  void leaderSelectorGivesEachParticipantOneTurnNeverTwoAtOnce() throws Exception {
    start();
    int participants = 3;
    List<CuratorFramework> sessions = clients.connect(participants);
    ConcurrencyMeter leaders = new ConcurrencyMeter();
    BlockingQueue<String> turns = new LinkedBlockingQueue<>();
    Semaphore endTurn = new Semaphore(0);
    List<LeaderSelector> selectors = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      String id = "p" + i;
      LeaderSelector selector =
          new LeaderSelector(
              sessions.get(i),
              "/election/selector",
              new LeaderSelectorListenerAdapter() {
                @Override
                public void takeLeadership(CuratorFramework client) throws Exception {
                  leaders.enter();
                  try {
                    turns.add(id);
                    if (!endTurn.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                      throw new AssertionError(id + "'s turn was never ended");
                    }
                  } finally {
                    leaders.exit();
                  }
                }
              });
      selector.setId(id);
      selectors.add(selector);
    }
    for (LeaderSelector selector : selectors) {
      selector.start();
    }

    List<String> order = new ArrayList<>();
    for (int turn = 0; turn < participants; turn++) {
      String leader = turns.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertNotNull(leader, "turn " + turn + " began in time");
      order.add(leader);
      assertEquals(1, leaders.inside(), "one participant leads during turn " + turn);
      assertEquals(
          List.of(leader),
          selectors.stream()
              .filter(LeaderSelector::hasLeadership)
              .map(LeaderSelector::getId)
              .toList(),
          "who has leadership during turn " + turn);
      endTurn.release();
    }
    await("all turns ended")
        .atMost(WAIT)
        .until(() -> children(sessions.getFirst(), "/election/selector").isEmpty());
    for (LeaderSelector selector : selectors) {
      selector.close();
    }

    assertEquals(Set.of("p0", "p1", "p2"), Set.copyOf(order), "each led once: " + order);
    assertEquals(List.of(), List.copyOf(turns), "no turn after the three (autoRequeue is off)");
    assertEquals(1, leaders.max(), "never two leaders at once");
  }

  @Test
  void barrierHoldsItsWaitersUntilRemoved() throws Exception {
    start();
    String path = "/barriers/gate";
    CuratorFramework controller = clients.connect();
    List<CuratorFramework> waiters = clients.connect(3);
    new DistributedBarrier(controller, path).setBarrier();

    List<Threads.Running<Boolean>> waiting = new ArrayList<>();
    for (int i = 0; i < waiters.size(); i++) {
      DistributedBarrier barrier = new DistributedBarrier(waiters.get(i), path);
      waiting.add(
          Threads.start(
              "waiter-" + i, () -> barrier.waitOnBarrier(WAIT.toSeconds(), TimeUnit.SECONDS)));
    }
    for (Threads.Running<Boolean> waiter : waiting) {
      Threads.awaitWaitingIn(waiter.thread(), DistributedBarrier.class);
    }
    for (Threads.Running<Boolean> waiter : waiting) {
      assertFalse(waiter.isDone(), waiter.thread().getName() + " is held while the barrier is set");
    }

    new DistributedBarrier(controller, path).removeBarrier();

    for (Threads.Running<Boolean> waiter : waiting) {
      assertTrue(waiter.await(WAIT), waiter.thread().getName() + " released by the removal");
    }
  }

  @Test
  void doubleBarrierLetsItsMembersEnterTogetherAndLeaveTogether() throws Exception {
    start();
    int members = 3;
    List<CuratorFramework> sessions = clients.connect(members);
    List<DistributedDoubleBarrier> barriers = new ArrayList<>();
    for (CuratorFramework session : sessions) {
      barriers.add(new DistributedDoubleBarrier(session, "/barriers/double", members));
    }

    passTogether(barriers, "enter", barrier -> barrier.enter(WAIT.toSeconds(), TimeUnit.SECONDS));
    passTogether(barriers, "leave", barrier -> barrier.leave(WAIT.toSeconds(), TimeUnit.SECONDS));

    assertEquals(List.of(), children(sessions.get(0), "/barriers/double"), "no member left");
  }

  private interface BarrierStep {
    boolean pass(DistributedDoubleBarrier barrier) throws Exception;
  }

  /** All but the last member take {@code step} and are held; the last one's step frees them all. */
  private static void passTogether(
      List<DistributedDoubleBarrier> barriers, String name, BarrierStep step) throws Exception {
    List<Threads.Running<Boolean>> members = new ArrayList<>();
    for (int i = 0; i < barriers.size() - 1; i++) {
      DistributedDoubleBarrier barrier = barriers.get(i);
      members.add(Threads.start(name + "-" + i, () -> step.pass(barrier)));
    }
    for (Threads.Running<Boolean> member : members) {
      Threads.awaitWaitingIn(member.thread(), DistributedDoubleBarrier.class);
    }
    for (Threads.Running<Boolean> member : members) {
      assertFalse(member.isDone(), member.thread().getName() + " waits for the last member");
    }
    DistributedDoubleBarrier last = barriers.getLast();
    members.add(Threads.start(name + "-last", () -> step.pass(last)));
    for (Threads.Running<Boolean> member : members) {
      assertTrue(member.await(WAIT), member.thread().getName() + " passed in time");
    }
  }

  @Test
  void distributedAtomicLongAddsUpEveryIncrement() throws Exception {
    start();
    int workers = 4;
    int increments = 25;
    List<CuratorFramework> sessions = clients.connect(workers);
    Set<Long> results = ConcurrentHashMap.newKeySet();

    Concurrently.run(
        workers,
        i -> {
          // Optimistic retries without pause: each lost race is a fresh read and versioned write.
          DistributedAtomicLong counter =
              new DistributedAtomicLong(
                  sessions.get(i), "/counters/long", new RetryNTimes(1_000, 0));
          for (int n = 0; n < increments; n++) {
            AtomicValue<Long> value = counter.increment();
            assertTrue(value.succeeded(), "increment succeeded within its retries");
            assertEquals(value.preValue() + 1, value.postValue());
            assertTrue(results.add(value.postValue()), "no two increments saw the same value");
          }
        });

    long total = workers * increments;
    assertEquals(
        LongStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()),
        results,
        "every value from 1 to the total, once each");
    DistributedAtomicLong reader =
        new DistributedAtomicLong(sessions.get(0), "/counters/long", new RetryNTimes(0, 0));
    assertEquals(total, reader.get().postValue());
  }

  @Test
  void sharedCountVersionedSetsAddUpAndListenersSeeThem() throws Exception {
    start();
    int participants = 4;
    int attempts = 20;
    String path = "/counters/shared";
    List<CuratorFramework> sessions = clients.connect(participants + 1);
    CuratorFramework observerClient = sessions.getLast();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    SharedCount observer = new SharedCount(observerClient, path, 0);
    observer.addListener(
        new SharedCountListener() {
          @Override
          public void countHasChanged(SharedCountReader reader, int newCount) {
            seen.add(newCount);
          }

          @Override
          public void stateChanged(CuratorFramework client, ConnectionState state) {}
        });
    observer.start();
    VersionedValue<Integer> initial = observer.getVersionedValue();
    AtomicInteger successes = new AtomicInteger();

    Concurrently.run(
        participants,
        i -> {
          try (SharedCount count = new SharedCount(sessions.get(i), path, 0)) {
            count.start();
            for (int n = 0; n < attempts; n++) {
              VersionedValue<Integer> current = count.getVersionedValue();
              if (count.trySetCount(current, current.getValue() + 1)) {
                successes.incrementAndGet();
              }
            }
          }
        });

    int sets = successes.get();
    assertTrue(sets > 0, "some sets succeeded");
    Stat stat = new Stat();
    byte[] bytes = observerClient.getData().storingStatIn(stat).forPath(path);
    assertEquals(sets, ByteBuffer.wrap(bytes).getInt(), "one increment per successful set");
    assertEquals(sets, stat.getVersion(), "each successful set is one setData");

    await("the observer's listener sees the final count")
        .atMost(WAIT)
        .until(() -> !seen.isEmpty() && seen.getLast() == sets);
    List<Integer> values = List.copyOf(seen);
    for (int i = 1; i < values.size(); i++) {
      assertTrue(values.get(i - 1) < values.get(i), "the listener sees the count grow: " + values);
    }
    assertTrue(values.getFirst() >= 1, "the listener sees only set values: " + values);
    assertEquals(sets, observer.getCount());

    assertFalse(observer.trySetCount(initial, -1), "a stale version is refused");
    assertEquals(sets, observer.getCount());
    observer.close();
  }

  @Test
  void curatorCacheSeesEveryCreateChangeAndDeleteBelowItsPath() throws Exception {
    start();
    CuratorFramework cacheClient = clients.connect();
    CuratorFramework writer = clients.connect();
    writer.create().forPath("/cache", bytes("root"));
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch initialized = new CountDownLatch(1);
    try (CuratorCache cache = CuratorCache.build(cacheClient, "/cache")) {
      cache
          .listenable()
          .addListener(
              CuratorCacheListener.builder()
                  .forAll((type, before, after) -> events.add(describe(type, before, after)))
                  .forInitialized(initialized::countDown)
                  .build());
      cache.start();
      assertTrue(
          initialized.await(WAIT.toSeconds(), TimeUnit.SECONDS),
          "cache initialized (it needs addWatch, op 106)");
      assertEquals(List.of("created /cache root"), List.copyOf(events), "the initial load");

      // One phase at a time, so that the cache reads each node in the state the phase left it.
      writer.create().forPath("/cache/a", bytes("a1"));
      writer.create().forPath("/cache/b", bytes("b1"));
      writer.create().forPath("/cache/a/x", bytes("x1"));
      awaitEvents(events, 4);
      writer.setData().forPath("/cache/a", bytes("a2"));
      writer.setData().forPath("/cache/a/x", bytes("x2"));
      awaitEvents(events, 6);
      writer.delete().forPath("/cache/a/x");
      writer.delete().forPath("/cache/b");
      writer.create().forPath("/outside", bytes("o"));
      writer.create().forPath("/cache/end", bytes("end"));
      awaitEvents(events, 9);

      assertEquals(
          Set.of(
              "created /cache root",
              "created /cache/a a1",
              "created /cache/b b1",
              "created /cache/a/x x1",
              "changed /cache/a a1 -> a2",
              "changed /cache/a/x x1 -> x2",
              "deleted /cache/a/x x2",
              "deleted /cache/b b1",
              "created /cache/end end"),
          new HashSet<>(events));
      assertEquals(9, events.size(), "no event twice: " + events);
      assertEquals(
          Map.of("/cache", "root", "/cache/a", "a2", "/cache/end", "end"),
          cache.stream()
              .collect(Collectors.toMap(ChildData::getPath, data -> text(data.getData()))));
    }
  }

  private static String describe(
      CuratorCacheListener.Type type, ChildData before, ChildData after) {
    return switch (type) {
      case NODE_CREATED -> "created " + after.getPath() + " " + text(after.getData());
      case NODE_CHANGED ->
          "changed "
              + after.getPath()
              + " "
              + text(before.getData())
              + " -> "
              + text(after.getData());
      case NODE_DELETED -> "deleted " + before.getPath() + " " + text(before.getData());
    };
  }

  private static void awaitEvents(List<String> events, int count) {
    await(count + " cache events")
        .atMost(WAIT)
        .failFast("more than " + count + " events: " + events, () -> events.size() > count)
        .until(() -> events.size() == count);
  }

  @Test
  void distributedQueueDeliversEveryItemToExactlyOneConsumer() throws Exception {
    start();
    int producers = 2;
    int consumers = 2;
    int items = 50;
    String path = "/queues/work";
    List<CuratorFramework> sessions = clients.connect(producers + consumers);
    Map<String, AtomicInteger> consumed = new ConcurrentHashMap<>();
    List<DistributedQueue<String>> queues = new ArrayList<>();
    try {
      for (int c = 0; c < consumers; c++) {
        DistributedQueue<String> queue =
            QueueBuilder.builder(sessions.get(c), consumer(consumed), UTF8, path).buildQueue();
        queues.add(queue);
        queue.start();
      }
      List<DistributedQueue<String>> producerQueues = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        DistributedQueue<String> queue =
            QueueBuilder.<String>builder(sessions.get(consumers + p), null, UTF8, path)
                .buildQueue();
        queues.add(queue);
        producerQueues.add(queue);
        queue.start();
      }

      Concurrently.run(
          producers,
          p -> {
            DistributedQueue<String> queue = producerQueues.get(p);
            for (int n = 0; n < items / producers; n++) {
              queue.put("p" + p + "-" + n);
            }
            assertTrue(queue.flushPuts(WAIT.toSeconds(), TimeUnit.SECONDS), "puts flushed");
          });

      await("all items consumed and the queue empty")
          .atMost(WAIT)
          .until(() -> total(consumed) >= items && children(sessions.getFirst(), path).isEmpty());
    } finally {
      for (DistributedQueue<String> queue : queues) {
        queue.close();
      }
    }

    Set<String> expected = new HashSet<>();
    for (int p = 0; p < producers; p++) {
      for (int n = 0; n < items / producers; n++) {
        expected.add("p" + p + "-" + n);
      }
    }
    assertEquals(expected, consumed.keySet());
    assertEquals(items, total(consumed), "each item consumed exactly once: " + consumed);
  }

  private static final QueueSerializer<String> UTF8 =
      new QueueSerializer<>() {
        @Override
        public byte[] serialize(String item) {
          return bytes(item);
        }

        @Override
        public String deserialize(byte[] bytes) {
          return text(bytes);
        }
      };

  private static QueueConsumer<String> consumer(Map<String, AtomicInteger> consumed) {
    return new QueueConsumer<>() {
      @Override
      public void consumeMessage(String item) {
        consumed.computeIfAbsent(item, key -> new AtomicInteger()).incrementAndGet();
      }

      @Override
      public void stateChanged(CuratorFramework client, ConnectionState state) {}
    };
  }

  private static int total(Map<String, AtomicInteger> consumed) {
    return consumed.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Test
  void persistentEphemeralNodeIsRecreatedAfterAnotherClientDeletesIt() throws Exception {
    start();
    String path = "/members/m1";
    CuratorFramework owner = clients.connect();
    CuratorFramework other = clients.connect();
    long ownerSession = CuratorClients.sessionId(owner);
    try (PersistentNode member =
        new PersistentNode(owner, CreateMode.EPHEMERAL, false, path, bytes("m1"))) {
      member.start();
      assertTrue(member.waitForInitialCreate(WAIT.toSeconds(), TimeUnit.SECONDS));
      Stat previous = assertEphemeral(other, path, ownerSession);

      for (int round = 0; round < 2; round++) {
        other.delete().forPath(path);
        Stat recreated =
            await("recreated after delete " + round)
                .atMost(WAIT)
                .until(() -> other.checkExists().forPath(path), Objects::nonNull);
        assertTrue(recreated.getCzxid() > previous.getCzxid(), "a new node, not the old one");
        previous = assertEphemeral(other, path, ownerSession);
      }
    }
    assertNull(other.checkExists().forPath(path), "closing the recipe deletes its node");
  }

  private static Stat assertEphemeral(CuratorFramework reader, String path, long owner)
      throws Exception {
    Stat stat = new Stat();
    assertArrayEquals(bytes("m1"), reader.getData().storingStatIn(stat).forPath(path));
    assertEquals(owner, stat.getEphemeralOwner(), "owned by the recipe's session");
    return stat;
  }

  @Test
  void persistentTtlNodeLivesWhileTouchedAndIsReapedAfterClose() throws Exception {
    start("extendedTypesEnabled=true", "znode.container.checkIntervalMs=100");
    long ttl = 2_000;
    String path = "/ttl/service";
    String touch = path + "/" + PersistentTtlNode.DEFAULT_CHILD_NODE_NAME;
    CuratorFramework owner = clients.connect();
    CuratorFramework observer = clients.connect();
    PersistentTtlNode service = new PersistentTtlNode(owner, path, ttl, bytes("up"));
    try {
      service.start();
      assertTrue(
          service.waitForInitialCreate(WAIT.toSeconds(), TimeUnit.SECONDS),
          "created (a TTL node: createTTL, op 21)");

      // Past its ttl since it was created, the touch node is still there: the recipe touches it.
      Stat touched =
          await("the touch node outlives its ttl")
              .atMost(WAIT)
              .failFast(
                  "reaped while the recipe runs",
                  () -> observer.checkExists().forPath(path) == null)
              .until(
                  () -> observer.checkExists().forPath(touch),
                  stat -> stat != null && stat.getMtime() - stat.getCtime() > ttl);
      // Apache keeps a TTL node's ttl in its ephemeralOwner but shows clients 0 there.
      assertEquals(0, touched.getEphemeralOwner(), "ephemeralOwner of a TTL node");
      Stat parent = new Stat();
      assertArrayEquals(bytes("up"), observer.getData().storingStatIn(parent).forPath(path));
      assertEquals(0, parent.getEphemeralOwner(), "ephemeralOwner of a TTL node");
    } finally {
      service.close();
    }

    await("the touch node expires, then its emptied parent")
        .atMost(WAIT)
        .until(() -> observer.checkExists().forPath(path) == null);
  }

  @Test
  void persistentRecursiveWatcherSeesEveryChangeBelowItsPathInOrder() throws Exception {
    start();
    CuratorFramework watching = clients.connect();
    CuratorFramework writer = clients.connect();
    BlockingQueue<WatchedEvent> events = Clients.queue();
    CountDownLatch watchSet = new CountDownLatch(1);
    try (PersistentWatcher watcher = new PersistentWatcher(watching, "/watched", true)) {
      watcher.getListenable().addListener(events::add);
      watcher.getResetListenable().addListener(watchSet::countDown);
      watcher.start();
      assertTrue(
          watchSet.await(WAIT.toSeconds(), TimeUnit.SECONDS), "watch set (addWatch, op 106)");

      writer.create().forPath("/watched", bytes("0"));
      writer.create().forPath("/watched/a", bytes("0"));
      writer.create().forPath("/watched/a/b", bytes("0"));
      writer.setData().forPath("/watched/a/b", bytes("1"));
      writer.setData().forPath("/watched/a/b", bytes("2"));
      writer.setData().forPath("/watched", bytes("1"));
      writer.delete().forPath("/watched/a/b");
      writer.delete().forPath("/watched/a");
      assertEvents(
          events,
          "NodeCreated /watched",
          "NodeCreated /watched/a",
          "NodeCreated /watched/a/b",
          "NodeDataChanged /watched/a/b",
          "NodeDataChanged /watched/a/b",
          "NodeDataChanged /watched",
          "NodeDeleted /watched/a/b",
          "NodeDeleted /watched/a");

      // Still there after firing: the same watch reports the next round, and nothing outside.
      writer.create().forPath("/elsewhere", bytes("0"));
      writer.create().forPath("/watched/c", bytes("0"));
      writer.setData().forPath("/watched", bytes("2"));
      writer.delete().forPath("/watched/c");
      writer.delete().forPath("/watched");
      writer.create().forPath("/watched", bytes("3"));
      assertEvents(
          events,
          "NodeCreated /watched/c",
          "NodeDataChanged /watched",
          "NodeDeleted /watched/c",
          "NodeDeleted /watched",
          "NodeCreated /watched");
    }
  }

  private static void assertEvents(BlockingQueue<WatchedEvent> events, String... expected)
      throws InterruptedException {
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < expected.length; i++) {
      WatchedEvent event = Clients.next(events);
      actual.add(event.getType() + " " + event.getPath());
    }
    assertEquals(List.of(expected), actual);
  }

  /**
   * A counter whose increment reads, yields and writes back: without mutual exclusion concurrent
   * increments are lost. Volatile only so that each read sees the last write; it does not make the
   * increment atomic.
   */
  private static final class RacyCounter {
    private volatile int value;

    void increment() {
      int read = value;
      Thread.yield();
      value = read + 1;
    }
  }

  /** The children of {@code path}; none once the container was reaped for being empty. */
  private static List<String> children(CuratorFramework client, String path) throws Exception {
    try {
      return client.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

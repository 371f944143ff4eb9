package io.zkensemble.operator.e2e;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * A client application of the ensemble: one session through the client Service, writing {@code
 * /e2e/w-<n>} (data n) one after another for as long as it runs, and logging every write the
 * ensemble acknowledged. It holds an ephemeral node all along: if its session never expired, the
 * node must still be there at the end. Errors are counted by their code; a write that failed with
 * ConnectionLoss may or may not have happened, so it is not counted as acknowledged.
 */
final class Writer implements AutoCloseable {
  static final String ROOT = "/e2e";
  static final String ALIVE = "/e2e-alive";

  /** Long enough to ride out an election or a restarted member; Apache allows up to 20 ticks. */
  private static final int SESSION_TIMEOUT_MILLIS = 30_000;

  private final ZooKeeper zk;
  private final Path ackLog;
  private final ConcurrentSkipListSet<Long> acknowledged = new ConcurrentSkipListSet<>();
  private final Map<String, Integer> errors = new TreeMap<>();
  private final AtomicBoolean expired = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private long sessionId;

  Writer(String connectString, Path ackLog) throws IOException, InterruptedException {
    this.ackLog = ackLog;
    CountDownLatch connected = new CountDownLatch(1);
    zk =
        new ZooKeeper(
            connectString,
            SESSION_TIMEOUT_MILLIS,
            event -> {
              if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
              } else if (event.getState() == KeeperState.Expired) {
                expired.set(true);
              }
            });
    if (!connected.await(60, TimeUnit.SECONDS)) {
      zk.close();
      throw new IllegalStateException("the writer did not connect to " + connectString);
    }
    thread = Thread.ofPlatform().name("e2e-writer").unstarted(this::write);
  }

  /** Creates the root and the ephemeral node, then writes until {@link #stop}. */
  void start() throws KeeperException, InterruptedException {
    try {
      zk.create(ROOT, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    } catch (KeeperException.NodeExistsException e) {
      // A writer of an earlier phase made it.
    }
    zk.create(ALIVE, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    sessionId = zk.getSessionId();
    thread.start();
  }

  private void write() {
    long next = acknowledged.isEmpty() ? 0 : acknowledged.last() + 1;
    try (BufferedWriter log =
        Files.newBufferedWriter(
            ackLog,
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND)) {
      while (running.get() && !expired.get()) {
        long n = next++;
        try {
          zk.create(path(n), data(n), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
          acknowledged.add(n);
          log.write(path(n));
          log.newLine();
        } catch (KeeperException e) {
          count(e.code().name());
          if (e.code() == KeeperException.Code.CONNECTIONLOSS) {
            // The client reconnects by itself; this write's outcome is unknown.
            continue;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void count(String error) {
    errors.merge(error, 1, Integer::sum);
  }

  /** Stops writing and waits for the write in flight. */
  void stop() throws InterruptedException {
    running.set(false);
    thread.join();
  }

  List<Long> acknowledged() {
    return List.copyOf(acknowledged);
  }

  synchronized Map<String, Integer> errors() {
    Map<String, Integer> all = new TreeMap<>(errors);
    if (expired.get()) {
      all.merge("SESSIONEXPIRED", 1, Integer::sum);
    }
    return all;
  }

  /** Whether the session lived through it all and still holds its ephemeral node. */
  boolean ephemeralKept() throws InterruptedException {
    try {
      Stat stat = zk.exists(ALIVE, false);
      return !expired.get() && stat != null && stat.getEphemeralOwner() == sessionId;
    } catch (KeeperException e) {
      count(e.code().name());
      return false;
    }
  }

  static String path(long n) {
    return ROOT + "/w-" + n;
  }

  static byte[] data(long n) {
    return Long.toString(n).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    if (thread.isAlive()) {
      thread.join();
    }
    zk.close();
  }
}

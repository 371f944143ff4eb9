package io.zkensemble.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/** Connected Apache ZooKeeper clients for tests. */
public final class Clients {
  /** How long a test waits for something that should happen at once. */
  public static final long WAIT_SECONDS = 20;

  private Clients() {}

  /** A client connected to {@code server} with a 30 s session timeout. */
  public static ZooKeeper connect(ZkServer server) {
    return connect(server.connectString(), 30_000, event -> {});
  }

  /** A client whose events (the connection state ones included) land in {@code events}. */
  public static ZooKeeper connect(ZkServer server, BlockingQueue<WatchedEvent> events) {
    return connect(server.connectString(), 30_000, events::add);
  }

  public static ZooKeeper connect(String connectString, int sessionTimeout, Watcher watcher) {
    return connect(connectString, sessionTimeout, watcher, new ZKClientConfig());
  }

  /** A client with {@code config}, e.g. a request timeout that bounds every synchronous call. */
  public static ZooKeeper connect(
      String connectString, int sessionTimeout, Watcher watcher, ZKClientConfig config) {
    CountDownLatch connected = new CountDownLatch(1);
    try {
      ZooKeeper zk =
          new ZooKeeper(
              connectString,
              sessionTimeout,
              event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                  connected.countDown();
                }
                watcher.process(event);
              },
              config);
      if (!connected.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        zk.close();
        throw new IllegalStateException("no connection to " + connectString);
      }
      return zk;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next event from {@code events}, failing the test if none comes in time. */
  public static WatchedEvent next(BlockingQueue<WatchedEvent> events) throws InterruptedException {
    WatchedEvent event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within " + WAIT_SECONDS + " s");
    }
    return event;
  }

  public static BlockingQueue<WatchedEvent> queue() {
    return new LinkedBlockingQueue<>();
  }
}

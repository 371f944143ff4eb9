package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.TcpProxy;
import io.zkensemble.node.testing.ZkServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * A client that loses its connection keeps its session and re-sends its watches (setWatches) when
 * it reconnects; the server fires at once what changed meanwhile, as Apache's DataTree.setWatches
 * does, and keeps the rest.
 */
class WatchReconnectTest {
  @Test
  void watchesSurviveAReconnectAndMissedChangesFire() throws Exception {
    List<String> ours = Parity.assertSameAsApache(WatchReconnectTest::scenario);
    assertEquals(
        List.of(
            "Disconnected",
            "SyncConnected",
            "NodeChildrenChanged /w3",
            "NodeCreated /w4",
            "NodeDataChanged /w2",
            "NodeDeleted /w1",
            "NodeDataChanged /w5"),
        ours);
  }

  private static List<String> scenario(ZkServer server) throws Exception {
    try (TcpProxy proxy = new TcpProxy(server);
        ZooKeeper other = Clients.connect(server)) {
      for (String path : List.of("/w1", "/w2", "/w3", "/w5")) {
        other.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      BlockingQueue<WatchedEvent> events = Clients.queue();
      ZooKeeper watcher = Clients.connect(proxy, events);
      try {
        watcher.exists("/w1", true);
        watcher.getData("/w2", true, null);
        watcher.getChildren("/w3", true);
        watcher.exists("/w4", true);
        watcher.getData("/w5", true, null);

        proxy.cut(true);
        List<String> seen = new ArrayList<>();
        seen.add(awaitState(events, KeeperState.Disconnected));
        other.delete("/w1", -1);
        other.setData("/w2", new byte[] {1}, -1);
        other.create("/w3/c", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        other.create("/w4", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        proxy.accept();

        seen.add(awaitState(events, KeeperState.SyncConnected));
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          fired.add(describe(Clients.next(events)));
        }
        // The client lists its watches in hash order; compare what fired, not in which order.
        seen.addAll(fired.stream().sorted().toList());
        // /w5 did not change while the client was away: its watch was re-registered, not fired.
        other.setData("/w5", new byte[] {1}, -1);
        seen.add(describe(Clients.next(events)));
        return seen;
      } finally {
        watcher.close();
      }
    }
  }

  /** Skips connection events until {@code state} (the queue still holds the first connect). */
  private static String awaitState(BlockingQueue<WatchedEvent> events, KeeperState state)
      throws InterruptedException {
    WatchedEvent event;
    do {
      event = Clients.next(events);
    } while (event.getType() == EventType.None && event.getState() != state);
    return describe(event);
  }

  private static String describe(WatchedEvent event) {
    if (event.getType() == EventType.None) {
      return event.getState() == KeeperState.SyncConnected
          ? "SyncConnected"
          : event.getState().name();
    }
    return event.getType() + " " + event.getPath();
  }
}

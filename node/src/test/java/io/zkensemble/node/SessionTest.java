package io.zkensemble.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.RawClient;
import io.zkensemble.node.testing.TestNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.junit.jupiter.api.Test;

/** Sessions through real clients: negotiation, expiry, resumption, close. */
class SessionTest {
  @Test
  void theNegotiatedTimeoutIsClampedToTheConfiguredBounds() throws Exception {
    try (TestNode node = TestNode.start("tickTime=100")) {
      assertEquals(200, negotiated(node, 10), "minSessionTimeout defaults to 2 x tickTime");
      assertEquals(2000, negotiated(node, 100_000), "maxSessionTimeout defaults to 20 x tickTime");
      assertEquals(1000, negotiated(node, 1000));
    }
    try (TestNode node =
        TestNode.start("tickTime=100", "minSessionTimeout=500", "maxSessionTimeout=800")) {
      assertEquals(500, negotiated(node, 10));
      assertEquals(800, negotiated(node, 100_000));
    }
  }

  private static int negotiated(TestNode node, int requested) throws InterruptedException {
    ZooKeeper zk = Clients.connect(node.connectString(), requested, event -> {});
    try {
      return zk.getSessionTimeout();
    } finally {
      zk.close();
    }
  }

  @Test
  void sessionIdsCarryMyidZeroInTheHighByteWhenStandalone() throws Exception {
    try (TestNode node = TestNode.start();
        ZooKeeper zk = Clients.connect(node)) {
      assertNotEquals(0, zk.getSessionId());
      assertEquals(0, zk.getSessionId() >>> 56);
    }
  }

  @Test
  void aSilentSessionExpiresAndItsEphemeralsAreDeleted() throws Exception {
    try (TestNode node = TestNode.start("tickTime=100")) {
      BlockingQueue<WatchedEvent> events = Clients.queue();
      try (ZooKeeper observer = Clients.connect(node, events);
          RawClient silent = RawClient.session(node, 300)) {
        silent.send(
            1,
            OpCode.create,
            new CreateRequest("/eph", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, 1));
        assertEquals(0, silent.readReply(null).getErr());
        assertNotNull(observer.exists("/eph", true));
        // The raw client sends no pings: after 300 ms (rounded up to a tick) the server expires it.
        WatchedEvent deleted = nextNodeEvent(events);
        assertEquals(EventType.NodeDeleted, deleted.getType());
        assertEquals("/eph", deleted.getPath());
        assertNull(observer.exists("/eph", false));
        assertTrue(silent.closedByServer(), "the expired session's connection is closed");
      }
    }
  }

  @Test
  void pingsKeepAnIdleSessionAlive() throws Exception {
    try (TestNode node = TestNode.start("tickTime=100")) {
      BlockingQueue<WatchedEvent> events = Clients.queue();
      try (ZooKeeper zk = Clients.connect(node.connectString(), 400, events::add)) {
        zk.create("/alive", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        await()
            .during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(3))
            .until(() -> events.stream().noneMatch(e -> e.getState() != KeeperState.SyncConnected));
        assertNotNull(zk.exists("/alive", false), "five timeouts later the session still lives");
      }
    }
  }

  @Test
  void aSessionResumesOnANewConnectionWithItsIdAndPassword() throws Exception {
    try (TestNode node = TestNode.start();
        RawClient first = RawClient.open(node)) {
      first.sendFrame(RawClient.bytes(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)));
      ConnectResponse session = new ConnectResponse();
      first.readRecord(session);
      first.send(
          1,
          OpCode.create,
          new CreateRequest("/mine", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, 1));
      assertEquals(0, first.readReply(null).getErr());

      BlockingQueue<WatchedEvent> events = Clients.queue();
      try (ZooKeeper resumed =
          new ZooKeeper(
              node.connectString(),
              30_000,
              events::add,
              session.getSessionId(),
              session.getPasswd())) {
        assertEquals(KeeperState.SyncConnected, Clients.next(events).getState());
        assertEquals(session.getSessionId(), resumed.getSessionId());
        Stat stat = resumed.exists("/mine", false);
        assertEquals(
            session.getSessionId(), stat.getEphemeralOwner(), "its ephemeral is still its");
        assertTrue(first.closedByServer(), "the session's old connection is closed");
      }
    }
  }

  @Test
  void aWrongPasswordIsRefusedAsAnExpiredSession() throws Exception {
    try (TestNode node = TestNode.start();
        ZooKeeper owner = Clients.connect(node)) {
      byte[] wrong = owner.getSessionPasswd().clone();
      wrong[0] ^= 1;
      BlockingQueue<WatchedEvent> events = Clients.queue();
      ZooKeeper impostor =
          new ZooKeeper(node.connectString(), 30_000, events::add, owner.getSessionId(), wrong);
      try {
        assertEquals(KeeperState.Expired, Clients.next(events).getState());
        assertNotNull(owner.exists("/", false), "the real owner keeps its session");
      } finally {
        impostor.close();
      }
    }
  }

  @Test
  void closingASessionAnswersThenClosesTheConnectionAndDeletesEphemerals() throws Exception {
    try (TestNode node = TestNode.start();
        ZooKeeper observer = Clients.connect(node);
        RawClient client = RawClient.session(node, 30_000)) {
      client.send(
          1, OpCode.create, new CreateRequest("/e", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, 1));
      assertEquals(0, client.readReply(null).getErr());
      client.send(2, OpCode.closeSession, null);
      ReplyHeader reply = client.readReply(null);
      assertEquals(2, reply.getXid());
      assertEquals(0, reply.getErr());
      assertTrue(client.closedByServer());
      assertNull(observer.exists("/e", false));
    }
  }

  @Test
  void aClientThatHasSeenMoreThanTheServerIsTurnedAway() throws Exception {
    try (TestNode node = TestNode.start();
        RawClient client = RawClient.open(node)) {
      client.sendFrame(
          RawClient.bytes(new ConnectRequest(0, 1_000, 30_000, 0, new byte[16], false)));
      assertTrue(client.closedByServer(), "Apache closes without a response: try another server");
    }
  }

  private static WatchedEvent nextNodeEvent(BlockingQueue<WatchedEvent> events)
      throws InterruptedException {
    while (true) {
      WatchedEvent event = Clients.next(events);
      if (event.getType() != EventType.None) {
        return event;
      }
      assertFalse(event.getState() == KeeperState.Expired, "the observer must not expire");
    }
  }
}

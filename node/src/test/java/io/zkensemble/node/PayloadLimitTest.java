package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.RawClient;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.ZkServer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.junit.jupiter.api.Test;

/**
 * Data up to jute.maxbuffer is stored; a request frame above it closes the connection (Apache's
 * "Len error"), the client sees ConnectionLoss and reconnects with its session, and the server goes
 * on serving. The default (0xfffff, 1 MiB - 1) against Apache; a raised limit on our node.
 */
class PayloadLimitTest {
  private static final int MIB = 1024 * 1024;

  @Test
  void theDefaultLimitBehavesAsApaches() throws Exception {
    Parity.assertSameAsApache(server -> limits(server, MIB - 1024, MIB + 1));
  }

  /**
   * With jute.maxbuffer raised to 4 MiB a 3 MiB znode is stored and read back, and a frame above 4
   * MiB still closes the connection. A raw client reads the reply: the Apache client decodes with
   * the JVM-wide jute.maxbuffer system property, which this test JVM cannot change.
   */
  @Test
  void aRaisedJuteMaxbufferAcceptsMore() {
    try (TestNode node = TestNode.start("jute.maxbuffer=" + (4 * MIB));
        RawClient client = RawClient.session(node, 30_000)) {
      byte[] data = data(3 * MIB);
      client.send(
          1, OpCode.create, new CreateRequest("/big", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0));
      assertEquals(0, client.readReply(null).getErr());
      client.send(2, OpCode.getData, new GetDataRequest("/big", false));
      GetDataResponse response = new GetDataResponse();
      assertEquals(0, client.readReply(response).getErr());
      assertArrayEquals(data, response.getData());
      // The length alone decides: the server closes before any of the body would arrive.
      client.writeRaw(ByteBuffer.allocate(4).putInt(4 * MIB + 1).array());
      assertTrue(client.closedByServer(), "a frame above 4 MiB closes the connection");
    }
  }

  /** Creates a node of {@code accepted} bytes, then tries one of {@code refused} bytes. */
  private static List<String> limits(ZkServer server, int accepted, int refused) throws Exception {
    List<String> lines = new ArrayList<>();
    BlockingQueue<WatchedEvent> events = Clients.queue();
    ZKClientConfig config = new ZKClientConfig();
    config.setProperty(ZKClientConfig.JUTE_MAXBUFFER, Integer.toString(8 * MIB));
    ZooKeeper zk = new ZooKeeper(server.connectString(), 30_000, events::add, config);
    try {
      awaitState(events, KeeperState.SyncConnected);
      byte[] data = data(accepted);
      zk.create("/accepted", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      lines.add("created " + accepted + " bytes");
      lines.add(
          "read back: " + java.util.Arrays.equals(data, zk.getData("/accepted", false, null)));
      try {
        zk.create("/refused", data(refused), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        lines.add("created " + refused + " bytes");
      } catch (KeeperException e) {
        lines.add(
            e.code() == KeeperException.Code.CONNECTIONLOSS ? "ConnectionLoss" : e.code().name());
      }
      awaitState(events, KeeperState.SyncConnected);
      long session = zk.getSessionId();
      lines.add("still serving: " + (zk.exists("/accepted", false).getDataLength() == accepted));
      lines.add("same session: " + (session == zk.getSessionId()));
      lines.add("refused node absent: " + (zk.exists("/refused", false) == null));
    } finally {
      zk.close();
    }
    return lines;
  }

  private static void awaitState(BlockingQueue<WatchedEvent> events, KeeperState state)
      throws InterruptedException {
    while (Clients.next(events).getState() != state) {
      // Skip the Disconnected that comes first after a refused request.
    }
  }

  private static byte[] data(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }
}

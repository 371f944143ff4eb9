package io.zkensemble.node.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.RawClient;
import io.zkensemble.node.testing.TestNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.Test;

/** maxClientCnxns per client IP, and backpressure on a client that does not read its replies. */
class ConnectionLimitsTest {
  @Test
  void anIpBeyondMaxClientCnxnsIsRefusedUntilOneOfItsConnectionsCloses() {
    try (TestNode node = TestNode.start("maxClientCnxns=2")) {
      List<RawClient> admitted = new ArrayList<>();
      admitted.add(RawClient.session(node, 30_000));
      admitted.add(RawClient.session(node, 30_000));
      try (RawClient third = RawClient.open(node)) {
        assertTrue(third.closedByServer(), "the third connection from 127.0.0.1 is closed");
      }
      admitted.remove(0).close();
      RawClient again = null;
      for (int attempt = 0; again == null; attempt++) {
        // The server counts the close when it sees it: a new connection may race it.
        try {
          again = RawClient.session(node, 30_000);
        } catch (RuntimeException refused) {
          assertTrue(attempt < 100, "a freed slot is given again");
        }
      }
      admitted.add(again);
      admitted.forEach(RawClient::close);
    }
  }

  /**
   * A client that pipelines requests for a large znode and never reads the replies: the server must
   * stop reading from it (its socket buffers fill, then the client's writes stop going through)
   * instead of queueing replies without bound, and other clients are still served.
   */
  @Test
  void aClientThatDoesNotReadItsRepliesIsNoLongerReadFrom() throws Exception {
    try (TestNode node = TestNode.start();
        ZooKeeper other = Clients.connect(node)) {
      byte[] big = new byte[512 * 1024];
      other.create("/big", big, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      try (SocketChannel greedy =
          SocketChannel.open(new InetSocketAddress("127.0.0.1", node.port()))) {
        greedy.socket().setReceiveBufferSize(64 * 1024);
        writeFrame(
            greedy, RawClient.bytes(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)));
        greedy.configureBlocking(false);
        byte[] request = frame(OpCode.getData, new GetDataRequest("/big", false));
        long sent = 0;
        int stalled = 0;
        // 100 MB of requests would ask for 50 TB of replies: the writes must stall long before.
        while (sent < 100L * 1024 * 1024 && stalled < 200) {
          int n = greedy.write(ByteBuffer.wrap(request));
          if (n == 0) {
            stalled++;
            Thread.sleep(5);
          } else {
            stalled = 0;
            sent += n;
          }
        }
        assertEquals(200, stalled, "the server stopped reading after " + sent + " bytes");
        assertTrue(sent < 16L * 1024 * 1024, "it stopped early: " + sent + " bytes");
        assertArrayEquals(big, other.getData("/big", false, null), "others are still served");
        assertNotNull(other.exists("/big", false));
      }
      assertFalse(other.getChildren("/", false).isEmpty(), "and still after the greedy one left");
    }
  }

  private static byte[] frame(int type, org.apache.jute.Record body) {
    byte[] header = RawClient.bytes(new RequestHeader(1, type));
    byte[] payload = RawClient.bytes(body);
    return ByteBuffer.allocate(4 + header.length + payload.length)
        .putInt(header.length + payload.length)
        .put(header)
        .put(payload)
        .array();
  }

  private static void writeFrame(SocketChannel channel, byte[] payload) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload);
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}

package io.zkensemble.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.LogCapture;
import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.RawClient;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.ZkServer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ConnectRequest;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not the protocol: each offending connection gets what Apache ZooKeeper gives it
 * (checked against Apache itself: closed or not), and the node goes on serving a session that was
 * open all along.
 */
class BadInputTest {
  /** A well-formed handshake: the frames after it are requests. */
  private static final byte[] HANDSHAKE =
      RawClient.bytes(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false));

  private static final long SEED = 20261122L;

  /** How long to wait for a close before concluding the server waits for more bytes. */
  private static final long CLOSE_WAIT_MILLIS = 3_000;

  private record Case(String name, Consumer<RawClient> send) {}

  private static List<Case> cases() {
    Random random = new Random(SEED);
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case("negative length", c -> c.writeRaw(ByteBuffer.allocate(4).putInt(-5).array())));
    cases.add(new Case("zero length handshake", c -> c.writeRaw(new byte[4])));
    cases.add(
        new Case(
            "length above jute.maxbuffer",
            c -> c.writeRaw(ByteBuffer.allocate(4).putInt(0xfffff + 1).array())));
    cases.add(
        new Case(
            "huge length",
            c -> c.writeRaw(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array())));
    cases.add(new Case("garbage handshake", c -> c.sendFrame(randomBytes(random, 7))));
    cases.add(
        new Case(
            "handshake with a lying passwd length",
            c ->
                c.sendFrame(
                    ByteBuffer.allocate(28)
                        .putInt(0)
                        .putLong(0)
                        .putInt(30_000)
                        .putLong(0)
                        .putInt(1 << 20)
                        .array())));
    cases.add(
        new Case(
            "request frame without a header",
            c -> {
              c.sendFrame(HANDSHAKE);
              c.readFrame();
              c.sendFrame(new byte[] {0, 0, 0, 1});
            }));
    cases.add(
        new Case(
            "request length above jute.maxbuffer after the handshake",
            c -> {
              c.sendFrame(HANDSHAKE);
              c.readFrame();
              c.writeRaw(ByteBuffer.allocate(4).putInt(0x100000).array());
            }));
    cases.add(
        new Case(
            "negative request length after the handshake",
            c -> {
              c.sendFrame(HANDSHAKE);
              c.readFrame();
              c.writeRaw(ByteBuffer.allocate(4).putInt(-1).array());
            }));
    cases.add(
        new Case(
            "a request with a huge vector count",
            c -> {
              c.sendFrame(HANDSHAKE);
              c.readFrame();
              // setWatches (101): relativeZxid, then a dataWatches count of a billion.
              c.sendFrame(
                  ByteBuffer.allocate(20)
                      .putInt(1)
                      .putInt(101)
                      .putLong(0)
                      .putInt(1_000_000_000)
                      .array());
              c.readFrame();
              c.writeRaw(new byte[] {0, 0});
            }));
    for (int i = 0; i < 5; i++) {
      byte[] noise = randomBytes(random, 64 + random.nextInt(512));
      cases.add(new Case("random bytes " + i, c -> c.writeRaw(noise)));
    }
    cases.add(
        new Case(
            "a truncated frame, then the client goes away",
            c -> c.writeRaw(ByteBuffer.allocate(10).putInt(100).putInt(7).array())));
    return cases;
  }

  @Test
  void eachBadConnectionIsTreatedAsApacheTreatsItAndTheRestKeepsWorking() throws Exception {
    Parity.assertSameAsApache(BadInputTest::run);
  }

  /** Bad input is answered, never a crash: nothing is logged at ERROR while it comes in. */
  @Test
  void badInputLogsNoErrors() throws Exception {
    try (TestNode node = TestNode.start();
        LogCapture log = new LogCapture()) {
      run(node);
      assertEquals(List.of(), log.errors());
    }
  }

  @Test
  void juteMaxbufferIsConfigurable() throws Exception {
    try (TestNode node = TestNode.start("jute.maxbuffer=1000");
        ZooKeeper zk = Clients.connect(node)) {
      zk.create("/small", new byte[900], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      try (RawClient client = RawClient.open(node)) {
        client.sendFrame(HANDSHAKE);
        client.readFrame();
        client.writeRaw(ByteBuffer.allocate(4).putInt(1001).array());
        assertTrue(client.closedByServer(), "a 1001-byte frame exceeds jute.maxbuffer=1000");
      }
      assertNotNull(zk.exists("/small", false));
    }
  }

  private static List<String> run(ZkServer server) {
    List<String> lines = new ArrayList<>();
    try (ZooKeeper bystander = Clients.connect(server)) {
      for (Case c : cases()) {
        try (RawClient client = RawClient.open(server)) {
          c.send().accept(client);
          // A server that closes does so at once; one that waits for the rest of a frame waits.
          boolean closed =
              c.name().startsWith("a truncated frame") || client.closedByServer(CLOSE_WAIT_MILLIS);
          lines.add(c.name() + ": closed=" + closed);
        }
        String path =
            bystander.create(
                "/still-serving-",
                new byte[0],
                ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.EPHEMERAL_SEQUENTIAL);
        lines.add("  bystander created " + path);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return lines;
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}

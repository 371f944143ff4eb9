package org.apache.zookeeper.server.quorum;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.quorum.Chunks;
import io.zkensemble.node.quorum.ElectionWire;
import io.zkensemble.node.quorum.Parsed;
import io.zkensemble.node.zab.Notification;
import io.zkensemble.node.zab.PeerState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.server.quorum.QuorumPeer.ServerState;
import org.apache.zookeeper.server.quorum.flexible.QuorumMaj;
import org.junit.jupiter.api.Test;

/**
 * Election bytes against Apache 3.9's own: notifications against FastLeaderElection.buildMsg (in
 * this package for it), and the connection handshake against a real QuorumCnxManager connecting to
 * us and accepting our connection.
 */
class ElectionGoldenTest {
  private static final String CONFIG =
      "server.1=127.0.0.1:2888:3888:participant;0.0.0.0:2181\nversion=100000000";

  @Test
  void notificationIsBuildMsgFramed() {
    for (PeerState state : PeerState.values()) {
      Notification ours =
          new Notification(state, 2, 0x3_0000_0009L, 7, 3, Notification.VERSION, CONFIG);
      ByteBuffer apache =
          FastLeaderElection.buildMsg(
              ServerState.values()[state.code].ordinal(),
              2,
              0x3_0000_0009L,
              7,
              3,
              CONFIG.getBytes(UTF_8));
      assertEquals(state.name(), ServerState.values()[state.code].name());
      assertArrayEquals(framed(apache.array()), ElectionWire.notification(ours).getBytes());
      assertEquals(List.of(ours), parse(framed(apache.array())));
    }
  }

  /**
   * Apache's 5-argument buildMsg writes the 40-byte format of 3.4 before 3.4.6, with version 0x1 in
   * its last int; WorkerReceiver reads a 40-byte message as having no version (0).
   */
  @Test
  void fortyByteNotificationHasVersionZero() {
    byte[] apache =
        FastLeaderElection.buildMsg(ServerState.FOLLOWING.ordinal(), 2, 0x3_0000_0009L, 7, 4)
            .array();
    assertEquals(40, apache.length);
    assertEquals(
        List.of(new Notification(PeerState.FOLLOWING, 2, 0x3_0000_0009L, 7, 4, 0, null)),
        parse(framed(apache)));
  }

  /** The 28-byte format before ZOOKEEPER-107: the epoch is the zxid's. */
  @Test
  void twentyEightByteNotificationTakesTheEpochFromTheZxid() {
    byte[] apache =
        Arrays.copyOf(
            FastLeaderElection.buildMsg(ServerState.LEADING.ordinal(), 2, 0x3_0000_0009L, 7, 4)
                .array(),
            28);
    assertEquals(
        List.of(new Notification(PeerState.LEADING, 2, 0x3_0000_0009L, 7, 3, 0, null)),
        parse(framed(apache)));
  }

  /** InitialMessage.parse reads our initial message (after the version, which its caller reads). */
  @Test
  void apacheParsesOurInitialMessage() throws Exception {
    byte[] ours = ElectionWire.initialMessage(3, "127.0.0.1:3888").getBytes();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(ours));
    long version = in.readLong();
    assertEquals(QuorumCnxManager.PROTOCOL_VERSION_V1, version);
    QuorumCnxManager.InitialMessage parsed = QuorumCnxManager.InitialMessage.parse(version, in);
    assertEquals(3L, parsed.sid);
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 3888)), parsed.electionAddr);
    assertEquals(0, in.available());
  }

  /**
   * A real QuorumCnxManager (server 3) connects to us (server 2) to send a notification: the bytes
   * it writes are our initial message and framed notification, and we parse them. QuorumPeerMain
   * turns multiAddress.enabled off unless configured (a bare QuorumPeer has it on), so 3.9 sends
   * protocol version 1.
   */
  @Test
  void apacheConnectingToUsWritesOurBytes() throws Exception {
    try (ServerSocket us = new ServerSocket(0, 1, loopback())) {
      QuorumPeer peer = peer(3, us.getLocalPort());
      peer.setMultiAddressEnabled(false);
      QuorumCnxManager manager = peer.createCnxnManager();
      try {
        byte[] config = CONFIG.getBytes(UTF_8);
        manager.toSend(2L, FastLeaderElection.buildMsg(0, 3, 0x1_0000_0001L, 1, 1, config));
        String address = "127.0.0.1:" + peer.getElectionAddress().getOne().getPort();
        Notification notification =
            new Notification(PeerState.LOOKING, 3, 0x1_0000_0001L, 1, 1, 2, CONFIG);
        byte[] expected =
            Buffer.buffer()
                .appendBuffer(ElectionWire.initialMessage(3, address))
                .appendBuffer(ElectionWire.notification(notification))
                .getBytes();
        try (Socket connection = us.accept()) {
          connection.setSoTimeout(10_000);
          byte[] received = readFully(connection.getInputStream(), expected.length);
          assertArrayEquals(expected, received);
          for (Chunks.Way way : Chunks.ways(received, 3)) {
            Parsed parsed = Parsed.election(way.chunks(), true);
            assertEquals(List.of(), parsed.errors, way.name());
            assertEquals(
                List.of(new ElectionWire.InitialMessage(3, List.of(address)), notification),
                parsed.items,
                way.name());
          }
        }
      } finally {
        manager.halt();
      }
    }
  }

  /** With multiAddress.enabled, Apache sends protocol version 2, which we read as well. */
  @Test
  void weReadTheMultiAddressInitialMessage() throws Exception {
    try (ServerSocket us = new ServerSocket(0, 1, loopback())) {
      QuorumPeer peer = peer(3, us.getLocalPort());
      peer.setMultiAddressEnabled(true);
      QuorumCnxManager manager = peer.createCnxnManager();
      try {
        manager.toSend(2L, FastLeaderElection.buildMsg(0, 3, 1, 1, 1, new byte[0]));
        String address = "127.0.0.1:" + peer.getElectionAddress().getOne().getPort();
        try (Socket connection = us.accept()) {
          connection.setSoTimeout(10_000);
          byte[] received = readFully(connection.getInputStream(), 8 + 8 + 4 + address.length());
          assertEquals(QuorumCnxManager.PROTOCOL_VERSION_V2, ByteBuffer.wrap(received).getLong());
          Parsed parsed = Parsed.election(List.of(Buffer.buffer(received)), true);
          assertEquals(List.of(), parsed.errors);
          assertEquals(List.of(new ElectionWire.InitialMessage(3, List.of(address))), parsed.items);
        }
      } finally {
        manager.halt();
      }
    }
  }

  /**
   * We (server 3) connect to a real QuorumCnxManager (server 1): it takes our initial message and
   * receives our notification as buildMsg's bytes.
   */
  @Test
  void apacheAcceptingUsReadsOurBytes() throws Exception {
    QuorumPeer peer = peer(1, 1);
    QuorumCnxManager manager = peer.createCnxnManager();
    try (ServerSocket apache = new ServerSocket(0, 1, loopback());
        Socket ours = new Socket(loopback(), apache.getLocalPort())) {
      Socket accepted = apache.accept();
      Notification notification =
          new Notification(PeerState.FOLLOWING, 1, 0x4_0000_0002L, 9, 4, 2, CONFIG);
      ours.getOutputStream()
          .write(
              Buffer.buffer()
                  .appendBuffer(ElectionWire.initialMessage(3, "127.0.0.1:3999"))
                  .appendBuffer(ElectionWire.notification(notification))
                  .getBytes());
      manager.receiveConnection(accepted);
      QuorumCnxManager.Message received = manager.pollRecvQueue(10, TimeUnit.SECONDS);
      assertNotNull(received, "Apache received the notification");
      assertEquals(3L, received.sid);
      ByteBuffer expected =
          FastLeaderElection.buildMsg(1, 1, 0x4_0000_0002L, 9, 4, CONFIG.getBytes(UTF_8));
      assertArrayEquals(expected.array(), received.buffer.array());
    } finally {
      manager.halt();
    }
  }

  /** A QuorumPeer whose view has itself and server 2, whose election port is {@code port2}. */
  private static QuorumPeer peer(long myId, int port2) throws Exception {
    Properties servers = new Properties();
    int own;
    try (ServerSocket free = new ServerSocket(0, 1, loopback())) {
      own = free.getLocalPort();
    }
    servers.setProperty("server." + myId, "127.0.0.1:" + (own + 1) + ":" + own);
    servers.setProperty("server.2", "127.0.0.1:" + (port2 + 1) + ":" + port2);
    QuorumPeer peer = new QuorumPeer();
    peer.setMyid(myId);
    peer.setQuorumVerifier(new QuorumMaj(servers), false);
    return peer;
  }

  private static List<Object> parse(byte[] bytes) {
    Parsed parsed = Parsed.election(List.of(Buffer.buffer(bytes)), false);
    assertEquals(List.of(), parsed.errors);
    return parsed.items;
  }

  /** As QuorumCnxManager.SendWorker.send writes a message: its length, then its bytes. */
  private static byte[] framed(byte[] message) {
    return ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message).array();
  }

  private static byte[] readFully(InputStream in, int length) throws Exception {
    byte[] bytes = new byte[length];
    new DataInputStream(in).readFully(bytes);
    return bytes;
  }

  private static java.net.InetAddress loopback() throws Exception {
    return java.net.InetAddress.getByName("127.0.0.1");
  }
}

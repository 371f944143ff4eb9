package io.zkensemble.node.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.quorum.ElectionWire.InitialMessage;
import io.zkensemble.node.zab.Notification;
import io.zkensemble.node.zab.PeerState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An election connection's bytes in every chunking: the initial message in each format,
 * notifications in each of Apache's formats, malformed notifications skipped (Apache's
 * WorkerReceiver skips them), and what makes Apache drop the connection reported as an error.
 */
class ElectionFramesTest {
  private static final String CONFIG = "server.1=127.0.0.1:2888:3888:participant\nversion=0";

  @Test
  void aConnectionInEveryChunking() {
    Buffer bytes = ElectionWire.initialMessage(7, "10.0.0.7:3888");
    List<Object> expected = new ArrayList<>();
    expected.add(new InitialMessage(7, List.of("10.0.0.7:3888")));
    for (int i = 0; i < 30; i++) {
      PeerState state = PeerState.values()[i % 4];
      Notification current =
          new Notification(state, i, 0x1_0000_0000L + i, i, 1, Notification.VERSION, CONFIG + i);
      bytes.appendBuffer(ElectionWire.notification(current));
      expected.add(current);
      // The 28- and 40-byte formats of older servers.
      byte[] old = notificationBody(state.code, i, 0x2_0000_0000L + i, i, 9, 0x1, null);
      bytes.appendBuffer(frame(ByteBuffer.wrap(old, 0, 28)));
      expected.add(new Notification(state, i, 0x2_0000_0000L + i, i, 2, 0, null));
      bytes.appendBuffer(frame(ByteBuffer.wrap(old, 0, 40)));
      expected.add(new Notification(state, i, 0x2_0000_0000L + i, i, 9, 0, null));
      // Skipped: too short, an unknown state, a config longer than the message.
      bytes.appendBuffer(frame(ByteBuffer.wrap(old, 0, 36)));
      bytes.appendBuffer(frame(ByteBuffer.wrap(notificationBody(4, i, 1, i, 1, 2, ""))));
      byte[] lying = notificationBody(0, i, 1, i, 1, 2, "abc");
      ByteBuffer.wrap(lying).putInt(40, 4);
      bytes.appendBuffer(frame(ByteBuffer.wrap(lying)));
    }
    for (Chunks.Way way : Chunks.ways(bytes.getBytes(), 5)) {
      Parsed parsed = Parsed.election(way.chunks(), true);
      assertEquals(List.of(), parsed.errors, way.name());
      assertEquals(expected, parsed.items, way.name());
    }
  }

  /**
   * Version 0x1 with more than 40 bytes (a sender padding its message) has no config; versions
   * above 0x2 are read as 0x2; bytes after the config are ignored.
   */
  @Test
  void versionsDecideWhatIsRead() {
    byte[] versionOne = notificationBody(1, 2, 3, 4, 5, 0x1, "ignored");
    byte[] versionThree = notificationBody(1, 2, 3, 4, 5, 0x3, "conf");
    byte[] trailing = ByteBuffer.allocate(versionThree.length + 3).put(versionThree).array();
    List<Object> parsed =
        parse(
            false,
            frame(ByteBuffer.wrap(versionOne)),
            frame(ByteBuffer.wrap(versionThree)),
            frame(ByteBuffer.wrap(trailing)));
    assertEquals(
        List.of(
            new Notification(PeerState.FOLLOWING, 2, 3, 4, 5, 0x1, null),
            new Notification(PeerState.FOLLOWING, 2, 3, 4, 5, 0x3, "conf"),
            new Notification(PeerState.FOLLOWING, 2, 3, 4, 5, 0x3, "conf")),
        parsed);
  }

  /** A server before 3.5 sends its sid alone; notifications follow at once. */
  @Test
  void theOldInitialMessageIsTheSid() {
    Notification n = new Notification(PeerState.LOOKING, 5, 0, 1, 0, 2, "");
    assertEquals(
        List.of(new InitialMessage(5, List.of()), n),
        parse(true, Buffer.buffer().appendLong(5), ElectionWire.notification(n)));
  }

  /** Protocol version 2 (multiAddress.enabled): addresses joined by '|', IPv6 in brackets. */
  @Test
  void multipleAddresses() {
    assertEquals(
        List.of(new InitialMessage(3, List.of("[::1]:3888", "127.0.0.1:3889"))),
        parse(true, initial(ElectionWire.PROTOCOL_VERSION_V2, 3, "[::1]:3888|127.0.0.1:3889")));
  }

  @Test
  void badInitialMessagesAreErrors() {
    assertError("unrecognized protocol version -3", Buffer.buffer().appendLong(-3));
    assertError(
        "unreasonable address length 0",
        Buffer.buffer().appendLong(ElectionWire.PROTOCOL_VERSION_V1).appendLong(3).appendInt(0));
    assertError(
        "unreasonable address length 2049",
        Buffer.buffer().appendLong(ElectionWire.PROTOCOL_VERSION_V1).appendLong(3).appendInt(2049));
    for (String address :
        List.of("host", "host:1:2", "host:port", "[::1]", "[::1]:", "[::1]:1:2", "h:70000")) {
      assertError(address, initial(ElectionWire.PROTOCOL_VERSION_V1, 3, address));
    }
    Parsed longest =
        Parsed.election(
            List.of(initial(ElectionWire.PROTOCOL_VERSION_V1, 3, "h:1|" + "h".repeat(2040) + ":1")),
            true);
    assertEquals(List.of(), longest.errors);
  }

  /** QuorumCnxManager.RecvWorker: a length of 0 or less, or above PACKETMAXSIZE, closes. */
  @Test
  void badFrameLengthsAreErrors() {
    for (int length : new int[] {0, -1, Integer.MIN_VALUE, 512 * 1024 + 1}) {
      Notification n = new Notification(PeerState.LOOKING, 5, 0, 1, 0, 2, "");
      Parsed parsed =
          Parsed.election(
              List.of(
                  ElectionWire.notification(n),
                  Buffer.buffer().appendInt(length),
                  ElectionWire.notification(n)),
              false);
      assertEquals(List.of(n), parsed.items, "only what came before the bad length");
      assertEquals(List.of("invalid notification length " + length), parsed.errors);
    }
  }

  /** The longest frame Apache takes: 512 KiB, here a notification with a long configuration. */
  @Test
  void theLongestFrame() {
    String config = "x".repeat(512 * 1024 - ElectionWire.SIZE_WITH_CONFIG);
    Notification n = new Notification(PeerState.LEADING, 5, 0, 1, 0, 2, config);
    Buffer frame = ElectionWire.notification(n);
    assertEquals(4 + 512 * 1024, frame.length());
    assertEquals(List.of(n), parse(false, frame));
  }

  private static void assertError(String expected, Buffer bytes) {
    for (Chunks.Way way : Chunks.ways(bytes.getBytes(), 1)) {
      List<Buffer> chunks = new ArrayList<>(way.chunks());
      // Nothing after the error is reported.
      chunks.add(ElectionWire.notification(new Notification(PeerState.LOOKING, 1, 1, 1, 1, 2, "")));
      Parsed parsed = Parsed.election(chunks, true);
      assertEquals(List.of(), parsed.items, way.name());
      assertEquals(1, parsed.errors.size(), way.name());
      assertTrue(parsed.errors.get(0).contains(expected), parsed.errors.get(0));
    }
  }

  private static List<Object> parse(boolean expectInitialMessage, Buffer... chunks) {
    Parsed parsed = Parsed.election(List.of(chunks), expectInitialMessage);
    assertEquals(List.of(), parsed.errors);
    return parsed.items;
  }

  private static Buffer initial(long version, long sid, String addresses) {
    byte[] text = addresses.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer()
        .appendLong(version)
        .appendLong(sid)
        .appendInt(text.length)
        .appendBytes(text);
  }

  /** A notification's bytes as buildMsg lays them out, with the config only if not null. */
  private static byte[] notificationBody(
      int state, long leader, long zxid, long round, long epoch, int version, String config) {
    byte[] text = config == null ? new byte[0] : config.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(40 + (config == null ? 0 : 4 + text.length));
    body.putInt(state).putLong(leader).putLong(zxid).putLong(round).putLong(epoch).putInt(version);
    if (config != null) {
      body.putInt(text.length).put(text);
    }
    return body.array();
  }

  private static Buffer frame(ByteBuffer body) {
    return Buffer.buffer()
        .appendInt(body.remaining())
        .appendBytes(body.array(), body.position(), body.remaining());
  }
}

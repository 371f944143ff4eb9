package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.zab.Notification;
import io.zkensemble.node.zab.PeerState;
import io.zkensemble.node.zab.Zxid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of Apache's election connections (QuorumCnxManager, FastLeaderElection). The server
 * that opens the connection first sends an initial message: its protocol version (a negative long),
 * its sid and its election address(es) as an int length then UTF-8 "host:port" text joined by '|'.
 * Servers before 3.5 sent only their sid, which a non-negative first long still means. After that,
 * both sides send notifications, each as an int length then the bytes of FastLeaderElection's
 * buildMsg: state int, proposed leader, its zxid, the election round and the leader's epoch (four
 * longs), the format version int and, from version 0x2, the configuration as an int length and
 * UTF-8 text. {@link ElectionFrames} parses a connection's bytes.
 */
public final class ElectionWire {
  /**
   * QuorumCnxManager.PROTOCOL_VERSION_V1: what 3.9 sends first unless multiAddress.enabled is set,
   * followed by one election address.
   */
  static final long PROTOCOL_VERSION_V1 = -65536L;

  /** QuorumCnxManager.PROTOCOL_VERSION_V2: addresses joined by '|' (multiAddress.enabled). */
  static final long PROTOCOL_VERSION_V2 = -65535L;

  /** QuorumCnxManager.maxBuffer: the longest address text InitialMessage.parse accepts. */
  static final int MAX_ADDRESS_BYTES = 2048;

  /** QuorumCnxManager.PACKETMAXSIZE: the RecvWorker drops the connection beyond this length. */
  static final int PACKET_MAX_SIZE = 512 * 1024;

  /** The version buildMsg writes (FastLeaderElection.Notification.CURRENTVERSION). */
  static final int VERSION_WITH_CONFIG = Notification.VERSION;

  /** Before 3.4 (ZOOKEEPER-107): state, leader, zxid, round; the epoch is the zxid's. */
  static final int SIZE_WITHOUT_EPOCH = 4 + 8 + 8 + 8;

  /**
   * 3.4 before 3.4.6: the epoch and an int the receiver ignores (WorkerReceiver's
   * backCompatibility40 leaves the version at 0 for exactly 40 bytes).
   */
  static final int SIZE_WITHOUT_VERSION = SIZE_WITHOUT_EPOCH + 8 + 4;

  /** buildMsg's fixed part: the 40 bytes above with the version, then the config length. */
  static final int SIZE_WITH_CONFIG = SIZE_WITHOUT_VERSION + 4;

  private ElectionWire() {}

  /**
   * What a server sent when it opened an election connection: its sid and the election addresses it
   * listens on ("host:port", IPv6 hosts in brackets), empty when a pre-3.5 server sent only its
   * sid. Apache drops wildcard addresses (0.0.0.0, ::) from the list; that needs name resolution,
   * which is the caller's to do, as is treating sid Long.MAX_VALUE as an id-less observer
   * (QuorumPeer.OBSERVER_ID).
   */
  public record InitialMessage(long sid, List<String> electionAddresses) {}

  /**
   * The initial message of a server opening an election connection, as 3.9 sends it by default:
   * protocol version 1, {@code sid}, and its election address ({@code "host:port"}, IPv6 hosts in
   * brackets, as NetUtils.formatInetAddr writes them). Not framed: it is the first thing on the
   * connection.
   */
  public static Buffer initialMessage(long sid, String address) {
    byte[] text = address.getBytes(StandardCharsets.UTF_8);
    if (text.length == 0 || text.length > MAX_ADDRESS_BYTES) {
      throw new IllegalArgumentException("address of " + text.length + " bytes");
    }
    return Buffer.buffer(8 + 8 + 4 + text.length)
        .appendLong(PROTOCOL_VERSION_V1)
        .appendLong(sid)
        .appendInt(text.length)
        .appendBytes(text);
  }

  /**
   * A notification framed for the wire: its length, then buildMsg's bytes in the current format
   * (version 0x2, with the configuration; a null config goes as empty text, as Apache's ToSend
   * default dummyData). The version field of {@code n} is not sent: 3.9 only sends 0x2. Throws when
   * the configuration is too long for the receiver's 512 KiB limit.
   */
  public static Buffer notification(Notification n) {
    byte[] config = n.config() == null ? new byte[0] : n.config().getBytes(StandardCharsets.UTF_8);
    int length = SIZE_WITH_CONFIG + config.length;
    if (length > PACKET_MAX_SIZE) {
      throw new IllegalArgumentException("a notification of " + length + " bytes");
    }
    return Buffer.buffer(4 + length)
        .appendInt(length)
        .appendInt(n.state().code)
        .appendLong(n.leader())
        .appendLong(n.zxid())
        .appendLong(n.electionEpoch())
        .appendLong(n.peerEpoch())
        .appendInt(VERSION_WITH_CONFIG)
        .appendInt(config.length)
        .appendBytes(config);
  }

  /**
   * Reads one notification's bytes, {@code [start, end)} of {@code frame}, as WorkerReceiver does:
   * 28 bytes are the oldest format (epoch taken from the zxid), exactly 40 bytes carry an epoch but
   * no version (version 0), otherwise the version follows and, above 0x1, the configuration. Bytes
   * after what the version defines are ignored. Throws {@link JuteException} for a message Apache
   * skips: too short for its format, a config length outside 0..message size, or a state Apache
   * does not know.
   */
  static Notification readNotification(Buffer frame, int start, int end) {
    int size = end - start;
    if (size < SIZE_WITHOUT_EPOCH) {
      throw new JuteException("a notification of " + size + " bytes is too short");
    }
    int code = frame.getInt(start);
    long leader = frame.getLong(start + 4);
    long zxid = frame.getLong(start + 12);
    long round = frame.getLong(start + 20);
    if (size == SIZE_WITHOUT_EPOCH) {
      return notification(code, leader, zxid, round, Zxid.epoch(zxid), 0, null);
    }
    require(size, SIZE_WITHOUT_VERSION);
    long epoch = frame.getLong(start + SIZE_WITHOUT_EPOCH);
    if (size == SIZE_WITHOUT_VERSION) {
      return notification(code, leader, zxid, round, epoch, 0, null);
    }
    int version = frame.getInt(start + SIZE_WITHOUT_EPOCH + 8);
    if (version <= 0x1) {
      return notification(code, leader, zxid, round, epoch, version, null);
    }
    require(size, SIZE_WITH_CONFIG);
    int configLength = frame.getInt(start + SIZE_WITHOUT_VERSION);
    if (configLength < 0 || configLength > size) {
      throw new JuteException("config length " + configLength + " in a " + size + "-byte message");
    }
    require(size, SIZE_WITH_CONFIG + configLength);
    int configStart = start + SIZE_WITH_CONFIG;
    String config =
        frame.getString(configStart, configStart + configLength, StandardCharsets.UTF_8.name());
    return notification(code, leader, zxid, round, epoch, version, config);
  }

  private static void require(int size, int needed) {
    if (size < needed) {
      throw new JuteException("a notification of " + size + " bytes where " + needed + " needed");
    }
  }

  private static Notification notification(
      int code, long leader, long zxid, long round, long epoch, int version, String config) {
    PeerState state = PeerState.ofCode(code);
    if (state == null) {
      throw new JuteException("unknown server state " + code);
    }
    return new Notification(state, leader, zxid, round, epoch, version, config);
  }

  /**
   * The addresses of an initial message, checked as InitialMessage.parse does with
   * ConfigUtils.getHostAndPort: each '|'-separated part (String.split's, so empty trailing parts
   * vanish) must split into a host and a numeric port, "[ipv6]:port" keeping the host's colons.
   */
  static List<String> readAddresses(String text) {
    List<String> addresses = new ArrayList<>();
    for (String address : text.split("\\|")) {
      String port = port(address);
      try {
        int number = Integer.parseInt(port);
        // InetSocketAddress, which Apache builds from it, takes ports up to 0xffff.
        if (number < 0 || number > 0xffff) {
          throw new JuteException("port out of range in " + address);
        }
      } catch (NumberFormatException e) {
        throw new JuteException("bad port number in " + address);
      }
      addresses.add(address);
    }
    return List.copyOf(addresses);
  }

  /** The port of "host:port" or "[host]:port", split as getHostAndPort splits them. */
  private static String port(String address) {
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      // getHostAndPort skips the character after ']' and splits the rest at each ':'.
      if (close >= 0 && close + 2 < address.length()) {
        String[] rest = address.substring(close + 2).split(":");
        if (rest.length == 1) {
          return rest[0];
        }
      }
    } else {
      String[] parts = address.split(":");
      if (parts.length == 2) {
        return parts[1];
      }
    }
    throw new JuteException("badly formed address: " + address);
  }
}

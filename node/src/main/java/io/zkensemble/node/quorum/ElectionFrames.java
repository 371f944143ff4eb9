package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import io.zkensemble.node.quorum.ElectionWire.InitialMessage;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.zab.Notification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Parses what arrives on one election connection, fed in chunks of any size: on a connection
 * another server opened, first its initial message, then notifications (each an int length and
 * buildMsg's bytes; see {@link ElectionWire}).
 *
 * <p>As in Apache's QuorumCnxManager and FastLeaderElection: a bad initial message (an unknown
 * protocol version, an address text of length outside 1..2048, a badly formed address) and a frame
 * length outside 1..512 KiB are errors, after which the caller closes the connection; a frame that
 * does not hold a notification (too short, a bad config length, an unknown state) is logged and
 * skipped, and the connection stays.
 */
public final class ElectionFrames {
  private static final Logger LOG = Logger.getLogger(ElectionFrames.class);

  private enum Stage {
    PROTOCOL_VERSION,
    SID_AND_ADDRESS_LENGTH,
    ADDRESSES,
    LENGTH,
    NOTIFICATION,
    FAILED
  }

  private final Consumer<InitialMessage> onInitial;
  private final Consumer<Notification> onNotification;
  private final Consumer<String> onError;
  private final RecordParser parser;
  private Stage stage;
  private long sid;

  /**
   * Reports the initial message (when {@code expectInitialMessage}: this server accepted the
   * connection) to {@code onInitial}, each notification to {@code onNotification}, and the first
   * error to {@code onError}, after which it ignores everything.
   */
  public ElectionFrames(
      boolean expectInitialMessage,
      Consumer<InitialMessage> onInitial,
      Consumer<Notification> onNotification,
      Consumer<String> onError) {
    this.onInitial = onInitial;
    this.onNotification = onNotification;
    this.onError = onError;
    this.stage = expectInitialMessage ? Stage.PROTOCOL_VERSION : Stage.LENGTH;
    this.parser = RecordParser.newFixed(expectInitialMessage ? 8 : 4, this::record);
  }

  public void feed(Buffer chunk) {
    if (stage != Stage.FAILED) {
      parser.handle(chunk);
    }
  }

  private void record(Buffer record) {
    switch (stage) {
      case PROTOCOL_VERSION -> protocolVersion(record.getLong(0));
      case SID_AND_ADDRESS_LENGTH -> sidAndAddressLength(record.getLong(0), record.getInt(8));
      case ADDRESSES -> addresses(record.toString(StandardCharsets.UTF_8));
      case LENGTH -> length(record.getInt(0));
      case NOTIFICATION -> notification(record);
      case FAILED -> {
        // The parser is paused: nothing more comes.
      }
    }
  }

  private void protocolVersion(long first) {
    if (first >= 0) {
      // A server before 3.5 sends only its sid (handleConnection: "this is a server id").
      expect(Stage.LENGTH, 4);
      onInitial.accept(new InitialMessage(first, List.of()));
    } else if (first == ElectionWire.PROTOCOL_VERSION_V1
        || first == ElectionWire.PROTOCOL_VERSION_V2) {
      expect(Stage.SID_AND_ADDRESS_LENGTH, 8 + 4);
    } else {
      fail("unrecognized protocol version " + first);
    }
  }

  private void sidAndAddressLength(long sid, int length) {
    if (length <= 0 || length > ElectionWire.MAX_ADDRESS_BYTES) {
      fail("unreasonable address length " + length + " from server " + sid);
      return;
    }
    this.sid = sid;
    expect(Stage.ADDRESSES, length);
  }

  private void addresses(String text) {
    List<String> addresses;
    try {
      addresses = ElectionWire.readAddresses(text);
    } catch (JuteException e) {
      fail(e.getMessage() + " from server " + sid);
      return;
    }
    expect(Stage.LENGTH, 4);
    onInitial.accept(new InitialMessage(sid, addresses));
  }

  private void length(int length) {
    if (length <= 0 || length > ElectionWire.PACKET_MAX_SIZE) {
      fail("invalid notification length " + length);
      return;
    }
    expect(Stage.NOTIFICATION, length);
  }

  private void notification(Buffer frame) {
    expect(Stage.LENGTH, 4);
    Notification notification;
    try {
      notification = ElectionWire.readNotification(frame, 0, frame.length());
    } catch (JuteException e) {
      LOG.warnf("Skipping a malformed notification (%d bytes): %s", frame.length(), e.getMessage());
      return;
    }
    onNotification.accept(notification);
  }

  private void expect(Stage next, int bytes) {
    stage = next;
    parser.fixedSizeMode(bytes);
  }

  private void fail(String reason) {
    stage = Stage.FAILED;
    parser.pause();
    onError.accept(reason);
  }
}

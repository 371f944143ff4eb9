package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.Message;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a frame parser reported, in order: messages, other packets, initial messages and
 * notifications, and errors. Messages and packets (records holding arrays) are shown as the bytes
 * they encode to, so that lists of them compare by value.
 */
public final class Parsed {
  public final List<Object> items = new ArrayList<>();
  public final List<String> errors = new ArrayList<>();

  public static Parsed quorum(List<Buffer> chunks, int juteMaxBuffer) {
    Parsed parsed = new Parsed();
    QuorumFrames frames =
        new QuorumFrames(juteMaxBuffer, parsed.items::add, parsed.items::add, parsed.errors::add);
    chunks.forEach(frames::feed);
    return parsed;
  }

  public static Parsed election(List<Buffer> chunks, boolean expectInitialMessage) {
    Parsed parsed = new Parsed();
    ElectionFrames frames =
        new ElectionFrames(
            expectInitialMessage, parsed.items::add, parsed.items::add, parsed.errors::add);
    chunks.forEach(frames::feed);
    return parsed;
  }

  /** The items, messages and packets as their type and encoded bytes. */
  public List<Object> comparable() {
    return items.stream().map(Parsed::comparable).toList();
  }

  public static Object comparable(Object item) {
    return switch (item) {
      case Message message ->
          message.getClass().getSimpleName() + " " + hex(QuorumCodec.encode(message));
      case QuorumPacket packet -> "packet " + hex(QuorumCodec.encode(packet));
      default -> item;
    };
  }

  private static String hex(Buffer bytes) {
    return HexFormat.of().formatHex(bytes.getBytes());
  }
}

package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.Message;
import java.util.function.Consumer;

/**
 * Parses what arrives on one quorum connection, fed in chunks of any size: QuorumPackets back to
 * back, with no length before them (BinaryOutputArchive.writeRecord), and after a SNAP packet the
 * snapshot stream and its signature. Each element (a packet's header and data, each authinfo Id,
 * each element of a snapshot stream) is checked once it is complete and never looked at again, so
 * parsing costs time linear in the bytes whatever the chunks.
 *
 * <p>Reports a {@link Message} for each packet {@link QuorumCodec} maps (REQUEST as the whole
 * packet's bytes, SNAP with its stream), every other packet (REVALIDATE, COMMITANDACTIVATE,
 * INFORMANDACTIVATE, unknown types) to {@code onOther}, and the first error, after which the caller
 * closes the connection and this ignores everything: a string or buffer length below -1 or beyond
 * Apache's BinaryInputArchive limit, a negative count, data a packet type cannot have, or a wrong
 * signature after a snapshot.
 */
public final class QuorumFrames {
  /** A packet's type (int), zxid (long) and data length (int). */
  private static final int HEADER = 4 + 8 + 4;

  /** BinaryInputArchive's floor for zookeeper.jute.maxbuffer.extrasize. */
  private static final int MIN_EXTRA = 1024;

  private enum Part {
    HEADER,
    DATA,
    AUTH_COUNT,
    AUTH_IDS
  }

  private final int maxLength;
  private final Consumer<Message> onMessage;
  private final Consumer<QuorumPacket> onOther;
  private final Consumer<String> onError;

  /** What arrived; the bytes before {@code start} are done with. */
  private Buffer bytes = Buffer.buffer();

  /** Where the current packet, or the current snapshot stream, begins. */
  private int start;

  /** How far the current packet or stream has been checked. */
  private int scanned;

  private Part part = Part.HEADER;
  private int idsLeft;

  /** Set between a SNAP packet and its signature. */
  private SnapStream.Scanner snapshot;

  private long snapshotZxid;
  private boolean failed;

  /**
   * {@code juteMaxBuffer} is jute.maxbuffer (Apache's default 0xfffff); like BinaryInputArchive,
   * this takes strings and buffers up to it plus as much again (zookeeper.jute.maxbuffer.extrasize
   * defaults to jute.maxbuffer, and is at least 1024).
   */
  public QuorumFrames(
      int juteMaxBuffer,
      Consumer<Message> onMessage,
      Consumer<QuorumPacket> onOther,
      Consumer<String> onError) {
    this.maxLength =
        (int)
            Math.min(Integer.MAX_VALUE, (long) juteMaxBuffer + Math.max(juteMaxBuffer, MIN_EXTRA));
    this.onMessage = onMessage;
    this.onOther = onOther;
    this.onError = onError;
  }

  public void feed(Buffer chunk) {
    if (failed) {
      return;
    }
    bytes.appendBuffer(chunk);
    while (true) {
      Object parsed;
      try {
        parsed = snapshot == null ? nextPacket() : snapshotEnd();
      } catch (JuteException e) {
        failed = true;
        bytes = null;
        onError.accept(e.getMessage());
        return;
      }
      if (parsed == null) {
        break;
      }
      switch (parsed) {
        case Message message -> onMessage.accept(message);
        case QuorumPacket packet -> onOther.accept(packet);
        default -> throw new IllegalStateException("parsed " + parsed);
      }
    }
    compact();
  }

  /**
   * Goes on with the current packet; returns what it carries once complete, or null when more bytes
   * are needed (or it was SNAP, whose stream comes next).
   */
  private Object nextPacket() {
    int end = bytes.length();
    if (part == Part.HEADER) {
      if (end - start < HEADER) {
        return null;
      }
      int length = checkLength(bytes.getInt(start + 4 + 8), maxLength);
      scanned = start + HEADER + Math.max(length, 0);
      part = Part.DATA;
    }
    if (part == Part.DATA) {
      if (end < scanned) {
        return null;
      }
      part = Part.AUTH_COUNT;
    }
    if (part == Part.AUTH_COUNT) {
      if (end - scanned < 4) {
        return null;
      }
      idsLeft = bytes.getInt(scanned);
      if (idsLeft < -1) {
        throw new JuteException("authinfo count " + idsLeft);
      }
      scanned += 4;
      part = Part.AUTH_IDS;
    }
    for (; idsLeft > 0; idsLeft--) {
      int next = skip(bytes, skip(bytes, scanned, end, maxLength), end, maxLength);
      if (next < 0) {
        return null;
      }
      scanned = next;
    }
    return packetDone();
  }

  private Object packetDone() {
    int packetStart = start;
    start = scanned;
    part = Part.HEADER;
    if (bytes.getInt(packetStart) == QuorumCodec.REQUEST) {
      return new Message.Request(bytes.getBytes(packetStart, scanned));
    }
    QuorumPacket packet = QuorumPacket.readFrom(new JuteInput(bytes, packetStart, scanned));
    if (packet.type() == QuorumCodec.SNAP) {
      snapshot = new SnapStream.Scanner(maxLength);
      snapshotZxid = packet.zxid();
      return snapshotEnd();
    }
    Message message = QuorumCodec.decode(packet);
    return message == null ? packet : message;
  }

  /**
   * Goes on with the snapshot stream; once it and the signature after it are complete, returns the
   * Snap, else null.
   */
  private Object snapshotEnd() {
    int end = bytes.length();
    if (!snapshot.done()) {
      scanned = snapshot.scan(bytes, scanned, end);
      if (!snapshot.done()) {
        return null;
      }
    }
    int afterSignature = skip(bytes, scanned, end, maxLength);
    if (afterSignature < 0) {
      return null;
    }
    String signature = new JuteInput(bytes, scanned, afterSignature).readString();
    if (!QuorumCodec.SNAP_SIGNATURE.equals(signature)) {
      throw new JuteException("signature " + signature + " after the snapshot");
    }
    Message snap = new Message.Snap(snapshotZxid, bytes.getBytes(start, scanned));
    snapshot = null;
    start = afterSignature;
    scanned = afterSignature;
    return snap;
  }

  /**
   * Drops the bytes before {@code start} once they are at least half of what is kept, so that
   * copying the rest costs no more than the bytes already parsed.
   */
  private void compact() {
    int length = bytes.length();
    if (start == length) {
      bytes = Buffer.buffer();
    } else if (start > length / 2) {
      bytes = bytes.getBuffer(start, length);
    } else {
      return;
    }
    scanned -= start;
    start = 0;
  }

  /**
   * A Jute string or buffer at {@code at}: an int length (-1 for null) and the bytes. Returns where
   * it ends, or -1 when it is not all there or {@code at} is -1. Throws {@link JuteException} for a
   * length below -1 or beyond {@code maxLength}, BinaryInputArchive's checkLength.
   */
  static int skip(Buffer bytes, int at, int end, int maxLength) {
    if (at < 0 || end - at < 4) {
      return -1;
    }
    int length = checkLength(bytes.getInt(at), maxLength);
    int after = at + 4 + Math.max(length, 0);
    return after > end ? -1 : after;
  }

  /** A string or buffer length as BinaryInputArchive.checkLength takes it (and -1, null). */
  private static int checkLength(int length, int maxLength) {
    if (length < -1 || length > maxLength) {
      throw new JuteException("unreasonable length " + length);
    }
    return length;
  }
}

package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.quorum.LearnerInfo;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Message;
import io.zkensemble.node.zab.Zxid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link Message}s as the QuorumPackets Apache 3.9's Leader, LearnerHandler, Learner, Follower and
 * Observer write and read. Packets go on the wire back to back, each as BinaryOutputArchive writes
 * the record (type int, zxid long, data buffer, authinfo vector; no length before it); only SNAP is
 * followed by more: the snapshot stream ({@link SnapStream}) and the string "BenWasHere".
 *
 * <p>What each carries: FOLLOWERINFO/OBSERVERINFO the accepted epoch as a zxid (epoch << 32) and a
 * LearnerInfo; LEADERINFO the new epoch as a zxid and the protocol version 0x10000 as 4 bytes;
 * ACKEPOCH the last logged zxid and the current epoch as a 4-byte int (-1: already accepted);
 * NEWLEADER the new epoch's first zxid and the configuration text; PROPOSAL and INFORM the zxid and
 * the serialized TxnHeader, txn and digest; UPTODATE zxid -1; SYNC zxid 0; the leader's PING its
 * last proposed zxid and no data (null), a learner's the same zxid and its session touches ({@link
 * SessionTouches}; never null, Apache's leader reads it unchecked); REQUEST is kept whole ({@link
 * ForwardedRequest}); every other packet carries a zxid only. Null data stays null both ways.
 */
public final class QuorumCodec {
  // Packet types, as Leader.java numbers them.
  static final int REQUEST = 1;
  static final int PROPOSAL = 2;
  static final int ACK = 3;
  static final int COMMIT = 4;
  static final int PING = 5;
  static final int REVALIDATE = 6;
  static final int SYNC = 7;
  static final int INFORM = 8;
  static final int COMMITANDACTIVATE = 9;
  static final int NEWLEADER = 10;
  static final int FOLLOWERINFO = 11;
  static final int UPTODATE = 12;
  static final int DIFF = 13;
  static final int TRUNC = 14;
  static final int SNAP = 15;
  static final int OBSERVERINFO = 16;
  static final int LEADERINFO = 17;
  static final int ACKEPOCH = 18;
  static final int INFORMANDACTIVATE = 19;

  /**
   * The Zab protocol version both sides announce (Learner.registerWithLeader in LearnerInfo,
   * LearnerHandler in LEADERINFO): 0x10000 is Zab 1.0, with LEADERINFO and ACKEPOCH; with an older
   * learner Apache's leader skips them and fakes the epoch acknowledgement.
   */
  static final int PROTOCOL_VERSION = 0x10000;

  /** What LearnerHandler writes after the snapshot stream and Learner checks. */
  static final String SNAP_SIGNATURE = "BenWasHere";

  /** The UPTODATE zxid LearnerHandler sends. */
  private static final long UPTODATE_ZXID = -1;

  /** The SYNC zxid Leader.sendSync sends. */
  private static final long SYNC_ZXID = 0;

  private QuorumCodec() {}

  /** One message, ready to write; a Snap with its stream and signature. */
  public static Buffer encode(Message message) {
    return switch (message) {
      case Message.LearnerInfo info -> {
        Buffer data = Buffer.buffer(8 + 4 + 8);
        new JuteOutput(data)
            .writeRecord(new LearnerInfo(info.sid(), PROTOCOL_VERSION, info.configVersion()));
        yield encode(info, Zxid.make(info.acceptedEpoch(), 0), data.getBytes());
      }
      case Message.LeaderInfo info ->
          encode(info, Zxid.make(info.newEpoch(), 0), intData(PROTOCOL_VERSION));
      // Learner writes the epoch as an int: (int) self.getCurrentEpoch().
      case Message.AckEpoch ack ->
          encode(ack, ack.lastLoggedZxid(), intData((int) ack.currentEpoch()));
      case Message.NewLeader newLeader ->
          encode(
              newLeader,
              newLeader.zxid(),
              newLeader.config() == null
                  ? null
                  : newLeader.config().getBytes(StandardCharsets.UTF_8));
      case Message.Proposal proposal ->
          encode(proposal, proposal.entry().zxid(), proposal.entry().payload());
      case Message.Inform inform -> encode(inform, inform.entry().zxid(), inform.entry().payload());
      // Leader.commitAndActivate and buildInformAndActivePacket: the designated leader first.
      case Message.CommitAndActivate commit ->
          encode(
              commit,
              commit.zxid(),
              ByteBuffer.allocate(8).putLong(commit.designatedLeader()).array());
      case Message.InformAndActivate inform ->
          encode(
              inform,
              inform.entry().zxid(),
              ByteBuffer.allocate(8 + inform.entry().payload().length)
                  .putLong(inform.designatedLeader())
                  .put(inform.entry().payload())
                  .array());
      case Message.Ping ping -> encode(ping, ping.zxid(), ping.data());
      case Message.Diff diff -> encode(diff, diff.zxid(), null);
      case Message.Trunc trunc -> encode(trunc, trunc.zxid(), null);
      case Message.Commit commit -> encode(commit, commit.zxid(), null);
      case Message.Ack ack -> encode(ack, ack.zxid(), null);
      case Message.UpToDate upToDate -> encode(upToDate, UPTODATE_ZXID, null);
      case Message.Sync sync -> encode(sync, SYNC_ZXID, null);
      case Message.Request request -> {
        byte[] data = request.data();
        if (data.length < 4 || ByteBuffer.wrap(data).getInt() != REQUEST) {
          throw new IllegalArgumentException("REQUEST data is not a whole REQUEST packet");
        }
        yield Buffer.buffer(data);
      }
      case Message.Snap snap -> {
        Buffer buffer = Buffer.buffer(4 + 8 + 4 + 4 + snap.snapshot().length + 4 + 10);
        JuteOutput out = new JuteOutput(buffer);
        out.writeRecord(new QuorumPacket(SNAP, snap.zxid(), null, null));
        buffer.appendBytes(snap.snapshot());
        yield out.writeString(SNAP_SIGNATURE).buffer();
      }
    };
  }

  /** A packet written as BinaryOutputArchive.writeRecord writes it. */
  public static Buffer encode(QuorumPacket packet) {
    int dataLength = packet.data() == null ? 0 : packet.data().length;
    Buffer buffer = Buffer.buffer(4 + 8 + 4 + dataLength + 4);
    new JuteOutput(buffer).writeRecord(packet);
    return buffer;
  }

  private static Buffer encode(Message message, long zxid, byte[] data) {
    return encode(new QuorumPacket(message.type(), zxid, data, null));
  }

  private static byte[] intData(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  /**
   * The message a packet carries, or null when {@link Message} has no record for its type
   * (REVALIDATE, unknown types). REQUEST and SNAP are {@link QuorumFrames}' to decode: they need
   * the bytes around the packet. Throws {@link JuteException} when the data is not what Apache's
   * reader of that type takes.
   */
  static Message decode(QuorumPacket packet) {
    long zxid = packet.zxid();
    byte[] data = packet.data();
    return switch (packet.type()) {
      case FOLLOWERINFO, OBSERVERINFO -> learnerInfo(packet.type() == OBSERVERINFO, zxid, data);
      case LEADERINFO -> {
        requireInt(data, "LEADERINFO");
        yield new Message.LeaderInfo(Zxid.epoch(zxid));
      }
      case ACKEPOCH -> new Message.AckEpoch(zxid, requireInt(data, "ACKEPOCH"));
      case NEWLEADER ->
          new Message.NewLeader(
              zxid, data == null ? null : new String(data, StandardCharsets.UTF_8));
      case PROPOSAL -> new Message.Proposal(new Entry(zxid, requireData(data, "PROPOSAL")));
      case INFORM -> new Message.Inform(new Entry(zxid, requireData(data, "INFORM")));
      case COMMITANDACTIVATE ->
          new Message.CommitAndActivate(zxid, requireLong(data, "COMMITANDACTIVATE"));
      case INFORMANDACTIVATE -> {
        long designated = requireLong(data, "INFORMANDACTIVATE");
        yield new Message.InformAndActivate(
            new Entry(zxid, Arrays.copyOfRange(data, 8, data.length)), designated);
      }
      case PING -> new Message.Ping(zxid, data);
      case DIFF -> new Message.Diff(zxid);
      case TRUNC -> new Message.Trunc(zxid);
      case COMMIT -> new Message.Commit(zxid);
      case ACK -> new Message.Ack(zxid);
      case UPTODATE -> new Message.UpToDate();
      case SYNC -> new Message.Sync();
      default -> null;
    };
  }

  /**
   * FOLLOWERINFO or OBSERVERINFO. LearnerHandler also takes the shorter LearnerInfo of servers
   * before 3.5 (sid only, or sid and protocol version), no data at all (numbering such learners
   * itself), and learners before Zab 1.0; this codec supports none of them: each is malformed here.
   */
  private static Message learnerInfo(boolean observer, long zxid, byte[] data) {
    LearnerInfo info =
        LearnerInfo.readFrom(new JuteInput(Buffer.buffer(requireData(data, "LearnerInfo"))));
    if (info.protocolVersion() < PROTOCOL_VERSION) {
      throw new JuteException(
          "learner protocol version 0x" + Integer.toHexString(info.protocolVersion()));
    }
    return new Message.LearnerInfo(
        observer, Zxid.epoch(zxid), info.serverid(), info.configVersion());
  }

  private static int requireInt(byte[] data, String what) {
    if (data == null || data.length < 4) {
      throw new JuteException(what + " without its 4-byte int");
    }
    return ByteBuffer.wrap(data).getInt();
  }

  private static long requireLong(byte[] data, String what) {
    if (data == null || data.length < 8) {
      throw new JuteException(what + " without its 8-byte designated leader");
    }
    return ByteBuffer.wrap(data).getLong();
  }

  private static byte[] requireData(byte[] data, String what) {
    if (data == null) {
      throw new JuteException(what + " without data");
    }
    return data;
  }
}

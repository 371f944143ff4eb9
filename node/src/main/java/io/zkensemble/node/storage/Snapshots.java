package io.zkensemble.node.storage;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.StatPersisted;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.CheckedInputStream;

/**
 * Apache's snapshot format (FileSnap, SerializeUtils, DataTree.serialize, SnapStream): a file
 * header ("ZKSN", version 2, dbid -1), the sessions with their timeouts, the ACL map, the nodes
 * ended by the path "/", and a seal (the Adler32 of everything before it, then "/"); then, as
 * Apache 3.9 writes by default, an empty tree digest and the last processed zxid, each sealed too.
 * The whole stream may be gzip or snappy compressed.
 */
public final class Snapshots {
  /** "ZKSN" as a big-endian int (Apache's FileSnap.SNAP_MAGIC). */
  static final int MAGIC = 0x5a4b534e;

  static final int VERSION = 2;

  /** Apache's FileSnap.dbId. */
  static final long DB_ID = -1;

  /** Apache's DigestCalculator.DIGEST_VERSION, written with the empty digest. */
  static final int DIGEST_VERSION = 2;

  /** A seal: the checksum (long) and the string "/" (length 1). */
  private static final int SEAL_SIZE = 8 + 4 + 1;

  /** The optional digest section: zxid, version, digest, seal. */
  private static final int DIGEST_SECTION = 8 + 4 + 8 + SEAL_SIZE;

  /** The optional last-processed-zxid section: zxid, seal. */
  private static final int LAST_ZXID_SECTION = 8 + SEAL_SIZE;

  private Snapshots() {}

  /** The header, sessions and ACL map: what a snapshot holds before its nodes. */
  static void writeHead(JuteOutput out, Map<Long, Integer> sessions, Map<Long, List<ACL>> acls) {
    out.writeInt(MAGIC).writeInt(VERSION).writeLong(DB_ID);
    Map<Long, Integer> inApacheOrder = new HashMap<>(sessions);
    out.writeInt(inApacheOrder.size());
    inApacheOrder.forEach((id, timeout) -> out.writeLong(id).writeInt(timeout));
    out.writeInt(acls.size());
    acls.forEach((ref, acl) -> out.writeLong(ref).writeRecords(acl));
  }

  /** A seal over {@code checksum} (the Adler32 of every byte before it). */
  static Buffer seal(long checksum) {
    Buffer buffer = Buffer.buffer(SEAL_SIZE);
    new JuteOutput(buffer).writeLong(checksum).writeString("/");
    return buffer;
  }

  /** The empty digest Apache writes when it has none (zxid 0, version 2, digest 0). */
  static Buffer emptyDigest() {
    Buffer buffer = Buffer.buffer(20);
    new JuteOutput(buffer).writeLong(0).writeInt(DIGEST_VERSION).writeLong(0);
    return buffer;
  }

  static Buffer lastZxid(long zxid) {
    return Buffer.buffer(8).appendLong(zxid);
  }

  /**
   * Loads the snapshot in {@code file} into {@code db}; returns its zxid (from its name). Throws
   * when the file is not a complete, intact snapshot.
   */
  public static long load(Path file, ZkDatabase db) throws IOException {
    long zxid = DataFiles.snapshotZxid(file);
    Compression compression = Compression.ofFile(file.getFileName().toString());
    try (InputStream raw = Files.newInputStream(file);
        CheckedInputStream checked =
            new CheckedInputStream(
                new BufferedInputStream(
                    compression.wrap(new BufferedInputStream(raw, 1 << 16)), 1 << 16),
                new Adler32())) {
      StreamReader in = new StreamReader(checked);
      if (in.readInt() != MAGIC) {
        throw new IOException("not a snapshot (bad magic)");
      }
      in.readInt();
      in.readLong();
      db.clearForLoad();
      int sessions = in.readInt();
      for (int i = 0; i < sessions; i++) {
        db.loadSession(in.readLong(), in.readInt());
      }
      int acls = in.readInt();
      for (int i = 0; i < acls; i++) {
        db.tree().loadAcl(in.readLong(), in.readAcls());
      }
      for (String path = in.readString(); !"/".equals(path); path = in.readString()) {
        if (path == null) {
          throw new IOException("a node without a path");
        }
        byte[] data = in.readBuffer();
        long aclRef = in.readLong();
        StatPersisted stat =
            new StatPersisted(
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readLong(),
                in.readLong());
        db.tree().loadNode(path, data, aclRef, stat);
      }
      checkSeal(checked, in);
      long checksum = checked.getChecksum().getValue();
      checkTrailer(in.readRest(DIGEST_SECTION + LAST_ZXID_SECTION), checksum);
      db.tree().finishLoad(zxid);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
    return zxid;
  }

  private static void checkSeal(CheckedInputStream checked, StreamReader in) throws IOException {
    long expected = checked.getChecksum().getValue();
    long written = in.readLong();
    in.readString();
    if (written != expected) {
      throw new IOException("checksum mismatch: the snapshot is corrupt");
    }
  }

  /**
   * What follows the first seal depends on how Apache was configured: nothing, a digest section, a
   * last-zxid section, or both; their lengths tell them apart. Each section ends with a seal over
   * the whole stream before it, checked by carrying the Adler32 on from {@code checksum}.
   */
  private static void checkTrailer(byte[] trailer, long checksum) throws IOException {
    int length = trailer.length;
    boolean digest = length == DIGEST_SECTION || length == DIGEST_SECTION + LAST_ZXID_SECTION;
    boolean lastZxid = length == LAST_ZXID_SECTION || length == DIGEST_SECTION + LAST_ZXID_SECTION;
    if (length != 0 && !digest && !lastZxid) {
      throw new IOException("unexpected " + length + " bytes after the tree");
    }
    int offset = 0;
    long running = checksum;
    for (int section : new int[] {digest ? 8 + 4 + 8 : -1, lastZxid ? 8 : -1}) {
      if (section < 0) {
        continue;
      }
      running = adler32(running, trailer, offset, section);
      offset += section;
      ByteBuffer seal = ByteBuffer.wrap(trailer, offset, SEAL_SIZE);
      if (seal.getLong() != running || seal.getInt() != 1 || seal.get() != '/') {
        throw new IOException("a broken seal after the tree");
      }
      running = adler32(running, trailer, offset, SEAL_SIZE);
      offset += SEAL_SIZE;
    }
  }

  /** Adler32 carried on from {@code value} (its two 16-bit sums) over more bytes. */
  private static long adler32(long value, byte[] bytes, int offset, int length) {
    long a = value & 0xffff;
    long b = value >>> 16;
    for (int i = offset; i < offset + length; i++) {
      a = (a + (bytes[i] & 0xff)) % 65521;
      b = (b + a) % 65521;
    }
    return (b << 16) | a;
  }

  /**
   * The sessions and the ACL map as {@link #writeHead} writes them, without the file header: how
   * the stream Apache's leader sends for SNAP begins (SerializeUtils.serializeSnapshot).
   */
  public static void writeSessionsAndAcls(JuteOutput out, ZkDatabase db) {
    Buffer head = Buffer.buffer();
    writeHead(new JuteOutput(head), db.sessionTimeouts(), db.tree().aclsByRef());
    // The file header: magic and version (ints), dbid (long).
    int header = 4 + 4 + 8;
    out.buffer().appendBuffer(head, header, head.length() - header);
  }
}

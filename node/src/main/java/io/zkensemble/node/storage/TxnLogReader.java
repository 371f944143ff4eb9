package io.zkensemble.node.storage;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.wire.JuteException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reads Apache-format transaction logs back, in zxid order, for replay. A record that fails its
 * checksum or end marker is a torn write when no valid record follows it in its file: it was never
 * acknowledged, so it is cut off. A bad record with valid records after it is corruption in the
 * middle of the log, and replay stops with a message naming the file and offset.
 */
final class TxnLogReader {
  private static final Logger LOG = Logger.getLogger(TxnLogReader.class);

  /** In a record's bytes the TxnHeader comes first: clientId (long), cxid (int), then the zxid. */
  static final int ZXID_IN_RECORD = 8 + 4;

  private TxnLogReader() {}

  /** A logged transaction, decoded, and its bytes as the log holds them. */
  record Logged(Transaction txn, byte[] bytes) {}

  /**
   * Where {@code file} must be cut to drop every transaction after {@code zxid}: the end of the
   * last record at or before it ({@code lastZxid}, -1 when there is none). A torn last record is
   * cut too; a bad record with valid ones after it is corruption, and stops the caller.
   */
  record Cut(long offset, long lastZxid) {}

  /**
   * Hands every transaction with a zxid above {@code afterZxid} to {@code apply}, oldest first;
   * returns the last zxid seen, or {@code afterZxid} when there is none.
   */
  static long replay(List<Path> logs, long afterZxid, Consumer<Logged> apply)
      throws StorageException {
    long last = afterZxid;
    for (int i = 0; i < logs.size(); i++) {
      // A log whose successor starts at or before afterZxid + 1 holds nothing to replay.
      if (i + 1 < logs.size() && DataFiles.logZxid(logs.get(i + 1)) <= afterZxid + 1) {
        continue;
      }
      last = replayFile(logs.get(i), afterZxid, last, apply);
    }
    return last;
  }

  private static long replayFile(Path file, long afterZxid, long last, Consumer<Logged> apply)
      throws StorageException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new StorageException(file + " is larger than 2 GiB; logs that large are not read");
      }
      if (size < LogRecords.FILE_HEADER_SIZE) {
        LOG.warnf("%s has no complete header (%d bytes): an empty log cut short", file, size);
        return last;
      }
      MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      if (bytes.getInt(0) != LogRecords.MAGIC) {
        throw new StorageException(file + " is not a transaction log (bad magic)");
      }
      int offset = LogRecords.FILE_HEADER_SIZE;
      while (true) {
        Record record = Record.at(bytes, offset);
        if (record == Record.END) {
          return last;
        }
        if (record.bad()) {
          checkTorn(file, bytes, offset);
          LOG.warnf(
              "%s: the record at offset %d was torn (a write cut by a crash, never acknowledged);"
                  + " cutting it off",
              file, offset);
          cutOff(file, offset);
          return last;
        }
        byte[] txnBytes = record.bytes(bytes, offset);
        Transaction txn = decode(file, offset, txnBytes);
        if (txn.zxid() > afterZxid) {
          if (txn.zxid() <= last) {
            LOG.errorf(
                "%s: zxid 0x%x at offset %d is not above the previous 0x%x",
                file, txn.zxid(), offset, last);
          }
          apply.accept(new Logged(txn, txnBytes));
          last = Math.max(last, txn.zxid());
        }
        offset = record.end();
      }
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Finds where to cut {@code file} so that it ends with the last transaction at or before {@code
   * zxid}. Records are in zxid order, so the first one after {@code zxid} ends the search.
   */
  static Cut cutAfter(Path file, long zxid) throws StorageException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new StorageException(file + " is larger than 2 GiB; logs that large are not read");
      }
      if (size < LogRecords.FILE_HEADER_SIZE) {
        return new Cut(size, -1);
      }
      MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      int offset = LogRecords.FILE_HEADER_SIZE;
      long last = -1;
      while (true) {
        Record record = Record.at(bytes, offset);
        if (record == Record.END) {
          return new Cut(offset, last);
        }
        if (record.bad()) {
          checkTorn(file, bytes, offset);
          return new Cut(offset, last);
        }
        if (record.length() < ZXID_IN_RECORD + Long.BYTES) {
          throw new StorageException(
              file + ": the record at offset " + offset + " is too short for a TxnHeader");
        }
        long recordZxid = bytes.getLong(offset + LogRecords.RECORD_HEADER_SIZE + ZXID_IN_RECORD);
        if (recordZxid > zxid) {
          return new Cut(offset, last);
        }
        last = recordZxid;
        offset = record.end();
      }
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A bad record is a torn last write only when no valid record follows it in its file. */
  private static void checkTorn(Path file, ByteBuffer bytes, int offset) throws StorageException {
    int next = nextValidRecord(bytes, offset + 1);
    if (next >= 0) {
      throw new StorageException(
          String.format(
              "corrupt transaction log %s: a bad record at offset %d is followed by valid"
                  + " records (at offset %d), so it is not a torn last write. Refusing to"
                  + " start rather than lose the transactions after it.",
              file, offset, next));
    }
  }

  private static Transaction decode(Path file, int offset, byte[] txn) throws StorageException {
    try {
      return TxnCodec.read(Buffer.buffer(txn));
    } catch (JuteException | IllegalArgumentException e) {
      throw new StorageException(
          file
              + ": the record at offset "
              + offset
              + " passes its checksum but does not decode: "
              + e.getMessage());
    }
  }

  /** The offset of the first valid record at or after {@code from}, or -1. */
  private static int nextValidRecord(ByteBuffer bytes, int from) {
    for (int offset = from; offset + LogRecords.RECORD_HEADER_SIZE < bytes.limit(); offset++) {
      Record record = Record.at(bytes, offset);
      if (record != Record.END && !record.bad()) {
        return offset;
      }
    }
    return -1;
  }

  private static void cutOff(Path file, int offset) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(offset);
      channel.force(true);
    } catch (IOException e) {
      LOG.warnf(
          e,
          "Could not cut %s at %d; the torn record stays but will be skipped again",
          file,
          offset);
    }
  }

  /** One record's framing, checked: its length and whether its end marker and checksum hold. */
  private record Record(int length, int end, boolean bad) {
    static final Record END = new Record(0, 0, false);

    static Record at(ByteBuffer bytes, int offset) {
      int limit = bytes.limit();
      if (offset + LogRecords.RECORD_HEADER_SIZE > limit) {
        // Fewer bytes than a record header: the end, or a header cut short if any is non-zero.
        return allZero(bytes, offset, limit) ? END : new Record(0, limit, true);
      }
      long checksum = bytes.getLong(offset);
      int length = bytes.getInt(offset + 8);
      if (length == 0) {
        return checksum == 0 ? END : new Record(0, offset, true);
      }
      int end = offset + LogRecords.RECORD_HEADER_SIZE + length + 1;
      if (length < 0 || end > limit || end < 0) {
        return new Record(length, limit, true);
      }
      if (bytes.get(end - 1) != LogRecords.END_OF_RECORD) {
        return new Record(length, end, true);
      }
      byte[] txn = new byte[length];
      bytes.get(offset + LogRecords.RECORD_HEADER_SIZE, txn);
      boolean bad = LogRecords.checksum(txn, 0, length) != checksum;
      return new Record(length, end, bad);
    }

    /** The transaction bytes of this record, which starts at {@code offset}. */
    byte[] bytes(ByteBuffer buffer, int offset) {
      byte[] txn = new byte[length];
      buffer.get(offset + LogRecords.RECORD_HEADER_SIZE, txn);
      return txn;
    }

    private static boolean allZero(ByteBuffer bytes, int from, int to) {
      for (int i = from; i < to; i++) {
        if (bytes.get(i) != 0) {
          return false;
        }
      }
      return true;
    }
  }
}

package io.zkensemble.node.storage;

import java.nio.ByteBuffer;
import java.util.zip.Adler32;

/**
 * The framing of Apache's transaction log (FileTxnLog): a 16-byte file header ("ZKLG", version 2,
 * dbid 0), then per transaction an Adler32 checksum (long), the length (int), the serialized
 * transaction and an end-of-record byte 'B'. Preallocated space is zeros, so a record of length 0
 * marks the end.
 */
final class LogRecords {
  /** "ZKLG" as a big-endian int (Apache's FileTxnLog.TXNLOG_MAGIC). */
  static final int MAGIC = 0x5a4b4c47;

  static final int VERSION = 2;

  /** Apache's FileTxnLog writes dbId 0 (it is never set). */
  static final long DB_ID = 0;

  static final int FILE_HEADER_SIZE = 4 + 4 + 8;

  /** Checksum and length before the transaction bytes. */
  static final int RECORD_HEADER_SIZE = 8 + 4;

  /** Apache's end-of-record marker. */
  static final byte END_OF_RECORD = 0x42;

  private LogRecords() {}

  static int recordSize(int txnLength) {
    return RECORD_HEADER_SIZE + txnLength + 1;
  }

  static void putFileHeader(ByteBuffer buffer) {
    buffer.putInt(MAGIC).putInt(VERSION).putLong(DB_ID);
  }

  static void putRecord(ByteBuffer buffer, byte[] txn) {
    buffer.putLong(checksum(txn, 0, txn.length)).putInt(txn.length).put(txn).put(END_OF_RECORD);
  }

  static long checksum(byte[] bytes, int offset, int length) {
    Adler32 adler = new Adler32();
    adler.update(bytes, offset, length);
    return adler.getValue();
  }
}

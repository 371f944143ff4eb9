package io.zkensemble.node.storage;

import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.txn.Transaction;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Appends batches of transactions to Apache-format log files and forces each batch to disk once. A
 * file is named after its first zxid and preallocated in blocks as Apache's FilePadding does. If a
 * write or force fails, the file is cut back to where the batch began, so that recovery never
 * replays a transaction that was not acknowledged. Used by one thread.
 */
final class TxnLogWriter implements Closeable {
  private static final Logger LOG = Logger.getLogger(TxnLogWriter.class);

  /** Apache pads when a write comes within 4 KiB of the preallocated end. */
  private static final long PAD_MARGIN = 4096;

  private final Path dir;
  private final FileOpener opener;
  private final long preallocSize;
  private final boolean forceSync;
  private final Summary fsyncTimes;
  private FileChannel channel;
  private Path file;
  private long position;
  private long fileSize;
  private int txnsInFile;
  private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

  /**
   * @param fsyncTimes where each force's milliseconds go (Apache's fsynctime); recorded holding its
   *     monitor, as its readers do
   */
  TxnLogWriter(
      Path dir, FileOpener opener, long preallocSize, boolean forceSync, Summary fsyncTimes) {
    this.fsyncTimes = fsyncTimes;
    this.dir = dir;
    this.opener = opener;
    this.preallocSize = preallocSize;
    this.forceSync = forceSync;
  }

  /** Writes and forces {@code batch}; when this returns, every transaction in it is durable. */
  void append(List<Transaction> batch) throws IOException {
    List<byte[]> encoded = new ArrayList<>(batch.size());
    for (Transaction txn : batch) {
      encoded.add(TxnCodec.bytes(txn));
    }
    appendRecords(batch.get(0).zxid(), encoded);
  }

  /**
   * Writes and forces one record per serialized transaction in {@code records}, the first of which
   * has zxid {@code firstZxid}; when this returns, every one of them is durable.
   */
  void appendRecords(long firstZxid, List<byte[]> records) throws IOException {
    if (channel == null) {
      open(firstZxid);
    }
    int size = 0;
    for (byte[] bytes : records) {
      size += LogRecords.recordSize(bytes.length);
    }
    ByteBuffer out = buffer(size);
    long newSize = fileSize;
    for (byte[] bytes : records) {
      newSize = paddedSize(position + out.position(), newSize);
      LogRecords.putRecord(out, bytes);
    }
    out.flip();
    long start = position;
    try {
      pad(newSize);
      while (out.hasRemaining()) {
        position += channel.write(out, position);
      }
      if (forceSync) {
        long started = System.nanoTime();
        channel.force(false);
        long millis = (System.nanoTime() - started) / 1_000_000;
        synchronized (fsyncTimes) {
          fsyncTimes.record(millis);
        }
      }
    } catch (IOException e) {
      cutBack(start);
      throw e;
    }
    txnsInFile += records.size();
  }

  int txnsInFile() {
    return txnsInFile;
  }

  /** Closes the current file: the next batch starts a new one. */
  void roll() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
      txnsInFile = 0;
    }
  }

  @Override
  public void close() throws IOException {
    roll();
  }

  private void open(long firstZxid) throws IOException {
    file = dir.resolve(DataFiles.logName(firstZxid));
    if (Files.exists(file)) {
      deleteEmpty(file);
    }
    LOG.infof("Creating new log file: %s", file.getFileName());
    channel =
        opener.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
    ByteBuffer header = ByteBuffer.allocate(LogRecords.FILE_HEADER_SIZE);
    LogRecords.putFileHeader(header);
    header.flip();
    while (header.hasRemaining()) {
      channel.write(header, header.position());
    }
    position = LogRecords.FILE_HEADER_SIZE;
    fileSize = position;
  }

  /**
   * A crash between creating a log file and its first record reaching the disk leaves a file that
   * holds no transaction (recovery cuts a torn record off), named after the zxid that comes next
   * again: it is replaced. A file that holds transactions never is.
   */
  private static void deleteEmpty(Path file) throws IOException {
    try {
      long last = TxnLogReader.cutAfter(file, Long.MAX_VALUE).lastZxid();
      if (last >= 0) {
        throw new FileAlreadyExistsException(
            file.toString(), null, "it holds transactions up to 0x" + Long.toHexString(last));
      }
    } catch (StorageException e) {
      throw new IOException(e.getMessage(), e);
    }
    LOG.infof("Replacing %s, which holds no transaction", file.getFileName());
    Files.delete(file);
  }

  /**
   * Apache's FilePadding.calculateFileSizeWithPadding for a record starting at {@code recordStart}:
   * within 4 KiB of the end, grow by one block (or, past the end, to the next whole block). Applied
   * at each record's start as Apache's FileTxnLog.append does, so a log file grows to exactly the
   * sizes Apache's would, however the records are batched.
   */
  private long paddedSize(long recordStart, long size) {
    if (preallocSize <= 0 || recordStart + PAD_MARGIN < size) {
      return size;
    }
    if (recordStart > size) {
      long grown = recordStart + preallocSize;
      return grown - grown % preallocSize;
    }
    return size + preallocSize;
  }

  /** Extends the file to {@code newSize} with one zero byte at its end, as Apache does. */
  private void pad(long newSize) throws IOException {
    if (newSize != fileSize) {
      channel.write(ByteBuffer.allocate(1), newSize - 1);
      fileSize = newSize;
    }
  }

  /**
   * After a failed batch: cut the file back to {@code start} and force that, if the disk lets us.
   */
  private void cutBack(long start) {
    try {
      channel.truncate(start);
      channel.force(true);
      position = start;
      fileSize = start;
    } catch (IOException e) {
      LOG.errorf(
          e,
          "Could not cut %s back to %d after a failed write: the failed batch may reappear at"
              + " restart",
          file,
          start);
    }
  }

  private ByteBuffer buffer(int size) {
    if (buffer.capacity() < size) {
      buffer = ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
    }
    buffer.clear();
    return buffer;
  }
}

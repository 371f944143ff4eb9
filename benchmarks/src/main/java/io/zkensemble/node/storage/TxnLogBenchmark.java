package io.zkensemble.node.storage;

import io.zkensemble.node.config.StorageOptions;
import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.txn.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The transaction log's append path as the node's group commit takes it: encode a batch of setData
 * transactions (100 bytes of data each), write it to the log file and force it to disk once.
 *
 * <p>{@code append} reports batches/s and, as its secondary result {@code append:txns}, txns/s;
 * {@code appendLatency} reports the time of one batch (mean and percentiles). The {@code NoSync}
 * pair does the same with forceSync off, for batches of 100, to show what the fsync costs. Each
 * trial writes to a new directory under {@code java.io.tmpdir} (pass {@code -jvmArgsPrepend
 * -Djava.io.tmpdir=DIR} to measure another disk), deleted after it.
 */
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class TxnLogBenchmark {

  /** The appends of one trial: a log writer on a fresh directory, and the batch it appends. */
  @State(Scope.Thread)
  public abstract static class Log {
    private Path dir;
    private TxnLogWriter writer;
    private List<Transaction> batch;

    abstract int batchSize();

    abstract boolean forceSync();

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("zkensemble-txnlog-bench");
      writer =
          new TxnLogWriter(
              dir,
              FileOpener.DEFAULT,
              StorageOptions.DEFAULT_PRE_ALLOC_KB * 1024,
              forceSync(),
              new Summary());
      // The same batch again and again: past the first zxid, which names the file, the writer
      // does not look at zxids, and what is measured is encoding, writing and forcing.
      batch = Workload.setDataBatch(batchSize());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      writer.close();
      Workload.delete(dir);
    }

    /** Appends the batch; returns how many transactions it held. */
    int append() throws IOException {
      writer.append(batch);
      return batch.size();
    }
  }

  /** forceSync on, as the node runs by default. */
  public static class Synced extends Log {
    @Param({"1", "10", "100", "1000"})
    public int batchSize;

    @Override
    int batchSize() {
      return batchSize;
    }

    @Override
    boolean forceSync() {
      return true;
    }
  }

  /** forceSync off: the same work without waiting for the disk. */
  public static class Unsynced extends Log {
    @Override
    int batchSize() {
      return 100;
    }

    @Override
    boolean forceSync() {
      return false;
    }
  }

  /** The transactions appended, reported per second next to the batches. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Txns {
    public long txns;

    @Setup(Level.Iteration)
    public void reset() {
      txns = 0;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void append(Synced log, Txns counted) throws IOException {
    counted.txns += log.append();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int appendLatency(Synced log) throws IOException {
    return log.append();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void appendNoSync(Unsynced log, Txns counted) throws IOException {
    counted.txns += log.append();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int appendNoSyncLatency(Unsynced log) throws IOException {
    return log.append();
  }
}

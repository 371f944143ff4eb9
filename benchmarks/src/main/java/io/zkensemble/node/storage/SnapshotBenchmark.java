package io.zkensemble.node.storage;

import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.ZkDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Whole snapshots of a tree of 100k or 1M znodes (100 bytes of data each, under 500 parents):
 * {@code write} as the node writes one at start-up (fsync, rename, directory fsync) and {@code
 * load} as recovery reads one. Uncompressed for both sizes; gz and snappy for 100k ({@code
 * writeCompressed}, {@code loadCompressed}). Each trial builds its tree once by applying creates,
 * writes one snapshot to a new directory under {@code java.io.tmpdir} for the loads, and prints the
 * snapshot's size (for MB/s); the directory is deleted after it.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SnapshotBenchmark {

  /** One trial's tree, where its snapshots go, and a snapshot of it to load. */
  @State(Scope.Benchmark)
  public abstract static class Snapshot {
    private ZkDatabase db;
    private Path dir;
    private SnapshotSettings settings;
    private Path file;

    abstract int znodes();

    abstract Compression compression();

    @Setup(Level.Trial)
    public void build() throws IOException {
      db = Workload.tree(znodes());
      dir = Files.createTempDirectory("zkensemble-snapshot-bench");
      settings = new SnapshotSettings(dir, compression(), true, FileOpener.DEFAULT);
      file = SnapshotFile.writeWhole(db, settings);
      int loaded = load().tree().nodeCount();
      if (loaded != db.tree().nodeCount()) {
        throw new IllegalStateException(
            "the snapshot holds " + loaded + " nodes, the tree " + db.tree().nodeCount());
      }
      System.out.printf(
          "%n%d nodes, snapshot %s: %d bytes%n", loaded, file.getFileName(), Files.size(file));
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      Workload.delete(dir);
    }

    Path write() throws IOException {
      return SnapshotFile.writeWhole(db, settings);
    }

    ZkDatabase load() throws IOException {
      ZkDatabase loaded = new ZkDatabase(new EphemeralType(false));
      Snapshots.load(file, loaded);
      return loaded;
    }
  }

  /** No compression (Apache's default). */
  public static class Plain extends Snapshot {
    @Param({"100000", "1000000"})
    public int znodes;

    @Override
    int znodes() {
      return znodes;
    }

    @Override
    Compression compression() {
      return Compression.NONE;
    }
  }

  /** snapshot.compression.method gz or snappy, on the smaller tree. */
  public static class Compressed extends Snapshot {
    @Param({"GZIP", "SNAPPY"})
    public Compression compression;

    @Override
    int znodes() {
      return 100_000;
    }

    @Override
    Compression compression() {
      return compression;
    }
  }

  @Benchmark
  public Path write(Plain snapshot) throws IOException {
    return snapshot.write();
  }

  @Benchmark
  public ZkDatabase load(Plain snapshot) throws IOException {
    return snapshot.load();
  }

  @Benchmark
  public Path writeCompressed(Compressed snapshot) throws IOException {
    return snapshot.write();
  }

  @Benchmark
  public ZkDatabase loadCompressed(Compressed snapshot) throws IOException {
    return snapshot.load();
  }
}

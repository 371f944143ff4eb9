package io.zkensemble.node.admin;

import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.quorum.PeerDriver;
import io.zkensemble.node.quorum.QuorumFacts;
import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.storage.DataFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * What the four-letter words, the admin commands and the metrics know of a node besides its
 * pipeline: its configuration, its directories, when it started, its client connections, its
 * consensus driver (in an ensemble) and its log's fsync times.
 */
public final class NodeStatus {
  private final NodeConfig config;
  private final long startNanos = System.nanoTime();
  private final Summary fsync;
  private volatile IntSupplier connections = () -> 0;
  private volatile PeerDriver driver;
  private volatile int clientPort;

  /**
   * @param fsync the log's fsync times; the log thread records into it holding its monitor, and so
   *     do readers here
   */
  public NodeStatus(NodeConfig config, Summary fsync) {
    this.config = config;
    this.fsync = fsync;
  }

  public NodeConfig config() {
    return config;
  }

  /** Counts client connections with {@code connections} (the client port's own count). */
  public void countConnectionsWith(IntSupplier connections) {
    this.connections = connections;
  }

  /** The client port as bound (clientPort=0 picks one). */
  public void clientPortBound(int port) {
    this.clientPort = port;
  }

  public int clientPort() {
    return clientPort;
  }

  public int connections() {
    return connections.getAsInt();
  }

  public void driver(PeerDriver driver) {
    this.driver = driver;
  }

  /** The ensemble's view of this server; call on the pipeline's thread. Null when standalone. */
  public QuorumFacts quorum() {
    PeerDriver current = driver;
    return current == null ? null : current.facts();
  }

  /**
   * The ensemble's configuration in force: after a reconfig, not the one the node started with.
   * Null when standalone.
   */
  public QuorumConfig quorumConfig() {
    PeerDriver current = driver;
    return current == null ? config.quorum() : current.configuration();
  }

  public long uptimeMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  public Summary.Snapshot fsyncTimes() {
    synchronized (fsync) {
      return fsync.snapshot();
    }
  }

  public Path snapDir() {
    return config.dataDir().resolve(DataFiles.VERSION_DIR);
  }

  public Path logDir() {
    return config.dataLogDir().resolve(DataFiles.VERSION_DIR);
  }

  /** The bytes of the files in {@code dir}, as Apache's dirs and conf count them. */
  public static long size(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(NodeStatus::fileSize).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}

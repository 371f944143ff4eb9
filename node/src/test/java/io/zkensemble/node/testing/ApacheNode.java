package io.zkensemble.node.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone Apache ZooKeeper 3.9.5 server in this JVM: the reference our node is compared to.
 */
public final class ApacheNode implements ZkServer {
  private final ServerCnxnFactory factory;
  private final ZooKeeperServer server;
  private final Path dataDir;

  private ApacheNode(ServerCnxnFactory factory, ZooKeeperServer server, Path dataDir) {
    this.factory = factory;
    this.server = server;
    this.dataDir = dataDir;
  }

  /** Starts Apache ZooKeeper standalone with the given tickTime and its default session bounds. */
  public static ApacheNode start(int tickTime) {
    try {
      return startIn(Files.createTempDirectory("apache-zk-test"), tickTime);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts Apache ZooKeeper on {@code dataDir}, which may hold data (its own, or ours). */
  public static ApacheNode startIn(Path dataDir, int tickTime) {
    try {
      File dir = dataDir.toFile();
      ZooKeeperServer server = new ZooKeeperServer(dir, dir, tickTime);
      ServerCnxnFactory factory =
          ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 0);
      factory.startup(server);
      return new ApacheNode(factory, server, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public ZooKeeperServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public int port() {
    return factory.getLocalPort();
  }

  /** Stops the server and keeps its data directory. */
  public void stop() {
    factory.shutdown();
    server.shutdown();
  }

  /** Stops the server and deletes its data directory. */
  @Override
  public void close() {
    stop();
    TestFiles.deleteRecursively(dataDir);
  }
}

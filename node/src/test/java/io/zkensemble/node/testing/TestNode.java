package io.zkensemble.node.testing;

import io.vertx.core.Vertx;
import io.zkensemble.node.ZkNode;
import io.zkensemble.node.config.ConfigException;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.ZooCfg;
import io.zkensemble.node.storage.FileOpener;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A zkensemble node running in this JVM on a free loopback port, for tests through real clients.
 */
public final class TestNode implements ZkServer {
  private final Vertx vertx;
  private final ZkNode node;
  private final Path dataDir;

  private TestNode(Vertx vertx, ZkNode node, Path dataDir) {
    this.vertx = vertx;
    this.node = node;
    this.dataDir = dataDir;
  }

  /** Starts a node with a minimal standalone zoo.cfg plus {@code extraConfig} lines. */
  public static TestNode start(String... extraConfig) {
    try {
      return startIn(Files.createTempDirectory("zkensemble-test"), extraConfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a node on {@code dataDir}, which may hold data from an earlier run. */
  public static TestNode startIn(Path dataDir, String... extraConfig) {
    return startIn(dataDir, FileOpener.DEFAULT, extraConfig);
  }

  /** Starts a node whose storage opens its files through {@code opener}. */
  public static TestNode startIn(Path dataDir, FileOpener opener, String... extraConfig) {
    try {
      StringBuilder cfg =
          new StringBuilder()
              .append("dataDir=")
              .append(dataDir)
              .append("\nclientPort=0\nclientPortAddress=127.0.0.1\n");
      for (String line : extraConfig) {
        cfg.append(line).append('\n');
      }
      Properties properties = new Properties();
      properties.load(new StringReader(cfg.toString()));
      NodeConfig config = ZooCfg.parse(properties);
      Vertx vertx = Vertx.vertx();
      ZkNode node =
          ZkNode.start(vertx, config, opener)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new TestNode(vertx, node, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e);
    } catch (Exception e) {
      throw new IllegalStateException("node did not start", e);
    }
  }

  @Override
  public int port() {
    return node.clientPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  public ZkNode node() {
    return node;
  }

  /** Stops the node and keeps its data directory (for a restart). */
  public void stop() {
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("node did not stop", e);
    }
  }

  /** Stops the node and deletes its data directory. */
  @Override
  public void close() {
    stop();
    TestFiles.deleteRecursively(dataDir);
  }
}

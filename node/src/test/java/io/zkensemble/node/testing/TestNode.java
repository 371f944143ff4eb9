package io.zkensemble.node.testing;

import io.vertx.core.Vertx;
import io.zkensemble.node.ZkNode;
import io.zkensemble.node.config.ConfigException;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.ZooCfg;
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
      Path dataDir = Files.createTempDirectory("zkensemble-test");
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
          ZkNode.start(vertx, config)
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

  @Override
  public void close() {
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      TestFiles.deleteRecursively(dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("node did not stop", e);
    }
  }
}

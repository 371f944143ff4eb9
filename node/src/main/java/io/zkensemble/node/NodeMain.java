package io.zkensemble.node;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.vertx.core.Vertx;
import io.zkensemble.node.config.ConfigException;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.ZooCfg;
import io.zkensemble.node.storage.StorageException;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * {@code java -jar quarkus-run.jar path/to/zoo.cfg}: runs a node in the foreground until SIGTERM or
 * SIGINT. Exit codes follow Apache ZooKeeper's ExitCode: 2 for a bad invocation or config, 1 for a
 * failure to start.
 */
@QuarkusMain
public class NodeMain implements QuarkusApplication {
  private static final Logger LOG = Logger.getLogger(NodeMain.class);

  /** Apache's ExitCode.INVALID_INVOCATION. */
  static final int EXIT_INVALID_CONFIG = 2;

  /** Apache's ExitCode.UNABLE_TO_ACCESS_DATADIR. */
  static final int EXIT_DATA_DIR = 3;

  /** Apache's ExitCode.UNEXPECTED_ERROR. */
  static final int EXIT_START_FAILED = 1;

  @Inject Vertx vertx;
  @Inject RunningNode running;
  @Inject NodeMetrics metrics;

  public static void main(String... args) {
    if (args.length == 1) {
      HttpSettings.apply(Path.of(args[0]));
    }
    Quarkus.run(NodeMain.class, args);
  }

  @Override
  public int run(String... args) throws Exception {
    if (args.length != 1) {
      LOG.error("Usage: java -jar quarkus-run.jar path/to/zoo.cfg");
      return EXIT_INVALID_CONFIG;
    }
    NodeConfig config;
    try {
      config = ZooCfg.load(Path.of(args[0]));
    } catch (ConfigException e) {
      LOG.errorf("Invalid configuration %s: %s", args[0], e.getMessage());
      return EXIT_INVALID_CONFIG;
    }
    try {
      ZkNode node = ZkNode.start(vertx, config).toCompletionStage().toCompletableFuture().get();
      running.set(node, Files.readString(Path.of(args[0])));
      metrics.start(node);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StorageException storage) {
        LOG.errorf("Unable to start: the data directory cannot be used: %s", storage.getMessage());
        return EXIT_DATA_DIR;
      }
      LOG.errorf(e.getCause(), "Unable to start the node: %s", e.getCause().getMessage());
      return EXIT_START_FAILED;
    }
    Quarkus.waitForExit();
    return 0;
  }
}

package io.zkensemble.node;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.server.ClientServer;
import io.zkensemble.node.session.SessionTracker;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.ZkDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A running standalone node: the database, the request pipeline on its own event loop and the
 * client port on another. Everything a node does starts and stops here.
 */
public final class ZkNode {
  private final ClientServer server;
  private final RequestPipeline pipeline;
  private final int clientPort;

  private ZkNode(ClientServer server, RequestPipeline pipeline, int clientPort) {
    this.server = server;
    this.pipeline = pipeline;
    this.clientPort = clientPort;
  }

  /** Starts a node; completes once the client port is bound. */
  public static Future<ZkNode> start(Vertx vertx, NodeConfig config) {
    try {
      Files.createDirectories(config.dataDir());
      Files.createDirectories(config.dataLogDir());
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException("cannot create the data directory", e));
    }
    // Two event loops: one owns the tree and the pipeline (no locks), one does client I/O.
    Context pipelineContext = ((VertxInternal) vertx).createEventLoopContext();
    Context ioContext = ((VertxInternal) vertx).createEventLoopContext();
    ZkDatabase db = new ZkDatabase(new EphemeralType(config.options().extendedTypesEnabled()));
    SessionTracker sessions =
        new SessionTracker(
            config.tickTime(),
            config.myid(),
            () -> System.nanoTime() / 1_000_000,
            System.currentTimeMillis());
    RequestPipeline pipeline = new RequestPipeline(config, pipelineContext, db, sessions);
    // No transaction log yet: a proposal is committed as soon as it is made.
    pipeline.start(pipeline::committed);
    ClientServer server = new ClientServer(config, pipeline, ioContext);
    return server
        .start()
        .map(port -> new ZkNode(server, pipeline, port))
        .onFailure(e -> pipeline.stop());
  }

  public int clientPort() {
    return clientPort;
  }

  public Future<Void> stop() {
    return server.stop().onComplete(v -> pipeline.stop());
  }
}

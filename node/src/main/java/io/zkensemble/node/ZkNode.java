package io.zkensemble.node;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.server.ClientServer;
import io.zkensemble.node.session.SessionTracker;
import io.zkensemble.node.storage.DurableLog;
import io.zkensemble.node.storage.FileOpener;
import io.zkensemble.node.storage.Storage;
import io.zkensemble.node.storage.StorageException;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.ZkDatabase;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A running standalone node: the data directory recovered, the request pipeline on its own event
 * loop, the group-committed log on its own thread, and the client port on another event loop.
 * Everything a node does starts and stops here.
 */
public final class ZkNode {
  private static final Logger LOG = Logger.getLogger(ZkNode.class);

  private final Vertx vertx;
  private final ClientServer server;
  private final RequestPipeline pipeline;
  private final Storage storage;
  private final long purgeTimer;
  private final int clientPort;

  private ZkNode(
      Vertx vertx,
      ClientServer server,
      RequestPipeline pipeline,
      Storage storage,
      long purgeTimer,
      int clientPort) {
    this.vertx = vertx;
    this.server = server;
    this.pipeline = pipeline;
    this.storage = storage;
    this.purgeTimer = purgeTimer;
    this.clientPort = clientPort;
  }

  /** Starts a node; completes once the client port is bound. */
  public static Future<ZkNode> start(Vertx vertx, NodeConfig config) {
    return start(vertx, config, FileOpener.DEFAULT);
  }

  /**
   * Starts a node whose storage opens files through {@code opener}. Recovery runs on the calling
   * thread, before anything is served.
   */
  public static Future<ZkNode> start(Vertx vertx, NodeConfig config, FileOpener opener) {
    ZkDatabase db = new ZkDatabase(new EphemeralType(config.options().extendedTypesEnabled()));
    Storage storage;
    try {
      storage = Storage.open(config, opener);
      storage.recover(db);
    } catch (IOException e) {
      return Future.failedFuture(
          new StorageException("cannot open the data directory: " + e.getMessage(), e));
    } catch (StorageException e) {
      return Future.failedFuture(e);
    }
    // Two event loops: one owns the tree and the pipeline (no locks), one does client I/O.
    Context pipelineContext = ((VertxInternal) vertx).createEventLoopContext();
    Context ioContext = ((VertxInternal) vertx).createEventLoopContext();
    SessionTracker sessions =
        new SessionTracker(
            config.tickTime(),
            config.myid(),
            () -> System.nanoTime() / 1_000_000,
            System.currentTimeMillis());
    // Restored sessions expire as usual unless their clients come back.
    db.sessionTimeouts().forEach(sessions::track);
    RequestPipeline pipeline = new RequestPipeline(config, pipelineContext, db, sessions);
    DurableLog log =
        storage.startLog(
            pipelineContext,
            new DurableLog.Listener() {
              @Override
              public void durable(List<Transaction> batch) {
                pipeline.committed(batch);
              }

              @Override
              public void failed(List<Transaction> lost, IOException cause) {
                pipeline.storageFailed(lost, cause);
              }

              @Override
              public void snapshotDue() {
                storage.snapshot(db, pipelineContext);
              }
            });
    pipeline.start(log);
    int purgeHours = config.storage().purgeIntervalHours();
    long purgeTimer =
        purgeHours > 0
            ? vertx.setPeriodic(TimeUnit.HOURS.toMillis(purgeHours), id -> storage.purge())
            : -1;
    ClientServer server = new ClientServer(config, pipeline, ioContext);
    return server
        .start()
        .map(port -> new ZkNode(vertx, server, pipeline, storage, purgeTimer, port))
        .onFailure(e -> stopQuietly(pipeline, storage));
  }

  public int clientPort() {
    return clientPort;
  }

  /** Stops serving, then lets the log write what it was given. */
  public Future<Void> stop() {
    if (purgeTimer != -1) {
      vertx.cancelTimer(purgeTimer);
    }
    return server
        .stop()
        .compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      stopQuietly(pipeline, storage);
                      return null;
                    }));
  }

  private static void stopQuietly(RequestPipeline pipeline, Storage storage) {
    pipeline.stop();
    try {
      storage.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while closing the data directory");
    }
  }
}

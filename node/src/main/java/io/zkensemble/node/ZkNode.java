package io.zkensemble.node;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.zkensemble.node.admin.NodeStatus;
import io.zkensemble.node.config.AllInterfaces;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.config.QuorumServer;
import io.zkensemble.node.quorum.ElectionConnections;
import io.zkensemble.node.quorum.EnsembleConfig;
import io.zkensemble.node.quorum.PeerDriver;
import io.zkensemble.node.quorum.QuorumConnections;
import io.zkensemble.node.quorum.QuorumTiming;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.server.ClientServer;
import io.zkensemble.node.session.SessionTracker;
import io.zkensemble.node.storage.DurableLog;
import io.zkensemble.node.storage.FileOpener;
import io.zkensemble.node.storage.ReplicatedLog;
import io.zkensemble.node.storage.Storage;
import io.zkensemble.node.storage.StorageException;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.DurableState;
import io.zkensemble.node.zab.Input;
import io.zkensemble.node.zab.Message;
import io.zkensemble.node.zab.Peer;
import io.zkensemble.node.zab.ZabConfig;
import io.zkensemble.node.zab.Zxid;
import java.io.IOException;
import java.net.InetSocketAddress;
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
  private final Ensemble ensemble;
  private final NodeStatus status;

  private ZkNode(
      Vertx vertx,
      ClientServer server,
      RequestPipeline pipeline,
      Storage storage,
      long purgeTimer,
      int clientPort,
      Ensemble ensemble,
      NodeStatus status) {
    this.vertx = vertx;
    this.server = server;
    this.pipeline = pipeline;
    this.storage = storage;
    this.purgeTimer = purgeTimer;
    this.clientPort = clientPort;
    this.ensemble = ensemble;
    this.status = status;
  }

  /** A replicated node's consensus side: its core's driver, connections and clock. */
  private record Ensemble(
      PeerDriver driver,
      ElectionConnections election,
      QuorumConnections quorum,
      ReplicatedLog log,
      long tickTimer) {}

  /** Starts a node; completes once the client port is bound. */
  public static Future<ZkNode> start(Vertx vertx, NodeConfig config) {
    return start(vertx, config, FileOpener.DEFAULT);
  }

  /**
   * Starts a node whose storage opens files through {@code opener}. Recovery runs on the calling
   * thread, before anything is served.
   */
  public static Future<ZkNode> start(Vertx vertx, NodeConfig config, FileOpener opener) {
    if (config.replicated()) {
      return startReplicated(vertx, config, opener);
    }
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
    SessionTracker sessions = sessionTracker(config);
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
    NodeStatus status = new NodeStatus(config, storage.fsyncTimes());
    ClientServer server = new ClientServer(config, pipeline, ioContext, status);
    return server
        .start()
        .map(port -> new ZkNode(vertx, server, pipeline, storage, purgeTimer, port, null, status))
        .onFailure(e -> stopQuietly(pipeline, storage));
  }

  /**
   * Starts a member of an ensemble: recovery without a start-up snapshot (the log's tail may not be
   * committed), then the core on the pipeline's thread, its election and quorum ports on their own
   * event loop, and the client port, which serves once the server has a leader.
   */
  private static Future<ZkNode> startReplicated(Vertx vertx, NodeConfig config, FileOpener opener) {
    QuorumConfig quorum = config.quorum();
    EnsembleConfig ensemble = new EnsembleConfig(quorum);
    ZkDatabase db = new ZkDatabase(new EphemeralType(config.options().extendedTypesEnabled()));
    ZabConfig zab = QuorumTiming.zabConfig(config);
    Storage storage;
    DurableState durable;
    try {
      storage = Storage.open(config, opener);
      durable = storage.recoverReplicated(db, zab.historyLimit());
    } catch (IOException e) {
      return Future.failedFuture(
          new StorageException("cannot open the data directory: " + e.getMessage(), e));
    } catch (StorageException e) {
      return Future.failedFuture(e);
    }
    LOG.infof(
        "Server %d of %d voters and %d observers; log ends at %s, epochs accepted %d current %d",
        quorum.myId(),
        quorum.voters().size(),
        quorum.observers().size(),
        Zxid.hex(durable.lastLoggedZxid()),
        durable.acceptedEpoch(),
        durable.currentEpoch());
    Context pipelineContext = ((VertxInternal) vertx).createEventLoopContext();
    Context ioContext = ((VertxInternal) vertx).createEventLoopContext();
    Context quorumContext = ((VertxInternal) vertx).createEventLoopContext();
    SessionTracker sessions = sessionTracker(config);
    RequestPipeline pipeline = new RequestPipeline(config, pipelineContext, db, sessions);
    pipeline.execute(pipeline::startClocks);
    PeerDriver driver =
        new PeerDriver(
            new Peer(zab, durable),
            pipelineContext,
            pipeline,
            db,
            storage,
            ensemble,
            // Apache's QuorumPeer waits max(2 s, tickTime) of looking before it serves read-only.
            quorum.readOnlyMode() ? Math.max(2000, config.tickTime()) : -1,
            ZkNode::fatal);
    ReplicatedLog log =
        storage.startReplicatedLog(
            pipelineContext,
            durable.lastLoggedZxid(),
            new ReplicatedLog.Listener() {
              @Override
              public void persisted(long seq) {
                driver.input(new Input.Persisted(seq));
              }

              @Override
              public void failed(Exception cause) {
                LOG.errorf(
                    "Writing the transaction log failed: this server acknowledges nothing more"
                        + " until it is restarted once the cause is fixed (%s)",
                    cause.getMessage());
              }

              @Override
              public void snapshotDue() {
                storage.snapshot(db, pipelineContext);
              }
            });
    ElectionConnections election =
        new ElectionConnections(
            quorum.myId(),
            quorum.self().host() + ":" + quorum.self().electionPort(),
            ensemble::electionAddress,
            quorumContext,
            (from, n) -> driver.input(new Input.NotificationReceived(from, n)));
    QuorumConnections connections =
        new QuorumConnections(
            quorumContext,
            ensemble::quorumAddress,
            config.juteMaxBuffer(),
            new QuorumConnections.Events() {
              @Override
              public void connected(long peer, long conn) {
                driver.input(new Input.Connected(peer, conn));
              }

              @Override
              public void connectFailed(long peer) {
                driver.input(new Input.ConnectFailed(peer));
              }

              @Override
              public void disconnected(long peer, long conn) {
                driver.input(new Input.Disconnected(peer, conn));
              }

              @Override
              public void received(long peer, long conn, List<Message> messages) {
                driver.input(
                    messages.stream()
                        .<Input>map(message -> new Input.Received(peer, conn, message))
                        .toList());
              }

              @Override
              public void other(long conn, QuorumPacket packet) {
                driver.otherPacket(conn, packet);
              }
            });
    QuorumServer self = quorum.self();
    String bindHost = quorum.listenOnAllIps() ? AllInterfaces.bindHost("0.0.0.0") : self.host();
    NodeStatus status = new NodeStatus(config, storage.fsyncTimes());
    status.driver(driver);
    ClientServer server = new ClientServer(config, pipeline, ioContext, status);
    return election
        .listen(new InetSocketAddress(bindHost, self.electionPort()))
        .compose(p -> connections.listen(new InetSocketAddress(bindHost, self.quorumPort())))
        .compose(
            p -> {
              driver.start(log, election, connections);
              long tick = QuorumTiming.tickMillis(config);
              long tickTimer = vertx.setPeriodic(tick, id -> driver.input(new Input.Tick()));
              return server
                  .start()
                  .map(
                      port ->
                          new ZkNode(
                              vertx,
                              server,
                              pipeline,
                              storage,
                              -1,
                              port,
                              new Ensemble(driver, election, connections, log, tickTimer),
                              status));
            })
        .onFailure(
            e -> {
              driver.stop();
              election.close();
              connections.close();
              stopQuietly(pipeline, storage);
            });
  }

  /** Sessions expire on the monotonic clock; ids start from the wall clock, as Apache's. */
  private static SessionTracker sessionTracker(NodeConfig config) {
    return new SessionTracker(
        config.tickTime(),
        config.myid(),
        () -> System.nanoTime() / 1_000_000,
        System.currentTimeMillis());
  }

  /**
   * The core met something it must not go on from (an epoch file that cannot be written, a broken
   * invariant): the process exits, off the event loop so that shutdown can still use it.
   */
  private static void fatal(Throwable cause) {
    LOG.error("Stopping the server: its consensus state cannot go on", cause);
    Thread exit = new Thread(() -> System.exit(1), "zkensemble-fatal-exit");
    exit.start();
  }

  public int clientPort() {
    return clientPort;
  }

  /** Its pipeline, for the admin commands' questions. */
  /**
   * Hands leadership to server {@code to} (admin's transfer_leadership); fails on a standalone
   * node, and when this server does not lead or {@code to} is not a synced voter.
   */
  public Future<String> transferLeadership(long to) {
    if (ensemble == null) {
      return Future.failedFuture("a standalone server has no leadership to hand over");
    }
    return ensemble.driver().transferLeadership(to);
  }

  public RequestPipeline pipeline() {
    return pipeline;
  }

  /** What the admin commands and metrics know of it besides the pipeline. */
  public NodeStatus status() {
    return status;
  }

  /** Stops serving, then lets the log write what it was given. */
  public Future<Void> stop() {
    if (purgeTimer != -1) {
      vertx.cancelTimer(purgeTimer);
    }
    Future<Void> ensembleStopped = Future.succeededFuture();
    if (ensemble != null) {
      vertx.cancelTimer(ensemble.tickTimer());
      ensemble.driver().stop();
      ensembleStopped =
          Future.join(ensemble.election().close(), ensemble.quorum().close()).mapEmpty();
    }
    return ensembleStopped
        .transform(v -> server.stop())
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

package io.zkensemble.node.quorum;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.request.Forwarder;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.storage.ReplicatedLog;
import io.zkensemble.node.storage.Storage;
import io.zkensemble.node.storage.StorageException;
import io.zkensemble.node.storage.TxnCodec;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.Effect;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Input;
import io.zkensemble.node.zab.Message;
import io.zkensemble.node.zab.Peer;
import io.zkensemble.node.zab.PeerState;
import io.zkensemble.node.zab.Zxid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Drives one server's consensus core ({@link Peer}) on the pipeline's thread, the way etcd's raft
 * nodes are driven: inputs from the network, the storage thread and the clock are queued and
 * stepped one at a time; each step's effects run in order: storage operations are handed to the
 * group-commit thread (which reports back with {@link Input.Persisted}), epoch files are forced
 * before the next effect, messages go to the connections, and committed transactions go to the
 * request pipeline, which applies them and answers its clients.
 */
public final class PeerDriver {
  private static final Logger LOG = Logger.getLogger(PeerDriver.class);

  private final Peer peer;
  private final Context context;
  private final RequestPipeline pipeline;
  private final ZkDatabase db;
  private final Storage storage;
  private final EnsembleConfig ensemble;
  private byte[] config;
  private final long readOnlyAfterMillis;
  private final Consumer<Throwable> fatal;
  private final ArrayDeque<Input> inputs = new ArrayDeque<>();

  /** Leader: which learner each quorum connection belongs to, once its LearnerInfo came. */
  private final Map<Long, Long> learners = new HashMap<>();

  /** Learner: the connection to the leader, or -1. */
  private long leaderConn = -1;

  private ReplicatedLog log;
  private ElectionConnections election;
  private QuorumConnections quorum;
  private long roleChanges;
  private boolean started;
  private long servingSinceNanos = -1;

  // Leader: proposal sizes in bytes (Apache's last/min/max_proposal_size), -1 before the first.
  private long lastProposalSize = -1;
  private long minProposalSize = -1;
  private long maxProposalSize = -1;

  /**
   * Leader: when each outstanding proposal was stepped (System.nanoTime), by zxid counter modulo
   * the length; commits come in zxid order and at most {@link
   * QuorumTiming#MAX_OUTSTANDING_PROPOSALS} are outstanding, so no slot is reused too early.
   */
  private final long[] proposedAtNanos = new long[1024];

  private final long[] proposedZxids = new long[proposedAtNanos.length];

  private final Summary quorumAckLatency = new Summary();
  private boolean stepping;
  private boolean stopped;

  public PeerDriver(
      Peer peer,
      Context context,
      RequestPipeline pipeline,
      ZkDatabase db,
      Storage storage,
      EnsembleConfig ensemble,
      long readOnlyAfterMillis,
      Consumer<Throwable> fatal) {
    this.peer = peer;
    this.context = context;
    this.pipeline = pipeline;
    this.db = db;
    this.storage = storage;
    this.ensemble = ensemble;
    this.config = ensemble.current().toApacheString().getBytes(StandardCharsets.UTF_8);
    this.readOnlyAfterMillis = readOnlyAfterMillis;
    this.fatal = fatal;
  }

  /** Connects the driver to its log and connections, then starts the first election. */
  public void start(ReplicatedLog log, ElectionConnections election, QuorumConnections quorum) {
    context.runOnContext(
        v -> {
          this.log = log;
          this.election = election;
          this.quorum = quorum;
          started = true;
          showConfig();
          try {
            run(peer.start());
          } catch (RuntimeException | IOException | StorageException e) {
            stopped = true;
            fatal.accept(e);
          }
          drainInputs();
        });
  }

  /** Queues {@code input}; callable from any thread. */
  public void input(Input input) {
    context.runOnContext(v -> submit(input));
  }

  /** Queues {@code inputs} to be stepped in one go; callable from any thread. */
  public void input(List<Input> inputs) {
    context.runOnContext(
        v -> {
          if (!stopped) {
            this.inputs.addAll(inputs);
            drainInputs();
          }
        });
  }

  /** Stops stepping: whatever arrives from now on is dropped. */
  public void stop() {
    context.runOnContext(v -> stopped = true);
  }

  /**
   * A packet the core has no message for. The leader answers a learner's REVALIDATE (a client of
   * its reconnected with a session); other packets are dropped.
   */
  public void otherPacket(long conn, QuorumPacket packet) {
    context.runOnContext(
        v -> {
          if (packet.type() != QuorumCodec.REVALIDATE) {
            LOG.warnf("Ignoring quorum packet of type %d: not supported", packet.type());
            return;
          }
          if (stopped) {
            return;
          }
          if (peer.state() == PeerState.LEADING) {
            Long learner = learners.get(conn);
            Revalidate.Request request = Revalidate.readRequest(packet);
            boolean valid = learner != null && pipeline.revalidate(learner, request.sessionId());
            quorum.send(conn, Revalidate.answer(request.sessionId(), valid));
            quorum.flush();
          } else if (conn == leaderConn) {
            Revalidate.Answer answer = Revalidate.readAnswer(packet);
            pipeline.revalidated(answer.sessionId(), answer.valid());
          }
        });
  }

  public PeerState state() {
    return peer.state();
  }

  private long syncedVoterOtherThanMe() {
    return peer.syncedFollowers().stream()
        .filter(id -> id != peer.myId() && peer.membership().isVoter(id))
        .mapToLong(Long::longValue)
        .min()
        .orElse(-1);
  }

  /**
   * Hands leadership to server {@code to}, a synced follower, without losing a write: the leader
   * proposes a reconfig to the same members that designates {@code to}; every write committed
   * before it stays committed, those after it are the new leader's to commit. {@code target} -1:
   * the synced voting follower with the lowest id. Completes with what was done, or fails with why
   * it cannot be done now.
   */
  public Future<String> transferLeadership(long target) {
    Promise<String> done = Promise.promise();
    context.runOnContext(
        v -> {
          long to = target != -1 ? target : syncedVoterOtherThanMe();
          if (peer.state() != PeerState.LEADING || !peer.canReconfig()) {
            done.fail(
                "server "
                    + peer.myId()
                    + " is not a serving leader without a reconfig in progress");
          } else if (to == peer.myId()) {
            done.complete("server " + to + " leads already");
          } else if (!peer.membership().isVoter(to) || !peer.syncedFollowers().contains(to)) {
            done.fail("server " + to + " is not a synced voting follower");
          } else {
            submit(new Input.TransferLeadership(to));
            QuorumConfig current = ensemble.current();
            boolean proposed =
                pipeline.proposeConfiguration(
                    zxid ->
                        new QuorumConfig(current.myId(), current.servers(), zxid, current.options())
                            .toApacheString()
                            .getBytes(StandardCharsets.UTF_8));
            if (proposed) {
              done.complete("leadership goes from server " + peer.myId() + " to server " + to);
            } else {
              done.fail("server " + peer.myId() + " cannot write now");
            }
          }
        });
    return done.future();
  }

  /** The configuration in force (any thread: it is replaced whole on activation). */
  public QuorumConfig configuration() {
    return ensemble.current();
  }

  /** This server's place in the ensemble; call on the pipeline's thread. */
  public QuorumFacts facts() {
    return new QuorumFacts(
        peer.myId(),
        peer.state(),
        peer.leader(),
        peer.serving(),
        peer.membership().isObserver(peer.myId()),
        peer.currentEpoch(),
        peer.lastLoggedZxid(),
        peer.membership().voters().size(),
        peer.learners(false, false) + peer.learners(true, false),
        peer.learners(false, true),
        peer.learners(true, true),
        servingSinceNanos,
        lastProposalSize,
        minProposalSize,
        maxProposalSize,
        quorumAckLatency.snapshot(),
        peer.followerLag());
  }

  private int slot(long zxid) {
    return (int) (zxid & (proposedAtNanos.length - 1));
  }

  private void countProposal(int bytes) {
    lastProposalSize = bytes;
    minProposalSize = minProposalSize == -1 ? bytes : Math.min(minProposalSize, bytes);
    maxProposalSize = Math.max(maxProposalSize, bytes);
  }

  private void submit(Input input) {
    if (stopped) {
      return;
    }
    inputs.add(input);
    drainInputs();
  }

  /** Keeps track of who is at the other end of each quorum connection. */
  private void observe(Input input) {
    switch (input) {
      case Input.Connected c when c.peer() != -1 -> leaderConn = c.conn();
      case Input.Disconnected d -> {
        learners.remove(d.conn());
        if (d.conn() == leaderConn) {
          leaderConn = -1;
        }
      }
      case Input.Received r when r.message() instanceof Message.LearnerInfo info ->
          learners.put(r.conn(), info.sid());
      default -> {}
    }
  }

  /**
   * Steps queued inputs one at a time. Effects may queue more inputs (a learner's request turns
   * into a proposal); they are stepped after the current effects have all run, never in between.
   * Inputs that arrive before {@link #start} (a peer's notification reaches the election port as
   * soon as it listens) wait in the queue until the core has started.
   */
  private void drainInputs() {
    if (!started || stepping) {
      return;
    }
    stepping = true;
    try {
      Input input;
      while (!stopped && (input = inputs.poll()) != null) {
        if (input instanceof Input.Propose propose) {
          if (!canPropose(propose)) {
            continue;
          }
          countProposal(propose.entry().payload().length);
          proposedAtNanos[slot(propose.entry().zxid())] = System.nanoTime();
          proposedZxids[slot(propose.entry().zxid())] = propose.entry().zxid();
        }
        observe(input);
        run(peer.step(input));
      }
      quorum.flush();
    } catch (RuntimeException | IOException | StorageException e) {
      stopped = true;
      fatal.accept(e);
    } finally {
      stepping = false;
    }
  }

  /**
   * A proposal queued while the server still led may find it no longer does; the clients that
   * waited were dropped with the role.
   */
  private boolean canPropose(Input.Propose propose) {
    if (!peer.canPropose()) {
      LOG.debugf("Dropping proposal %s: not leading", Zxid.hex(propose.entry().zxid()));
      return false;
    }
    if (propose.entry().zxid() != peer.nextZxid()) {
      throw new IllegalStateException(
          "proposal "
              + Zxid.hex(propose.entry().zxid())
              + " out of order: the next zxid is "
              + Zxid.hex(peer.nextZxid()));
    }
    return true;
  }

  private void run(List<Effect> effects) throws IOException, StorageException {
    for (Effect effect : effects) {
      apply(effect);
    }
  }

  private void apply(Effect effect) throws IOException, StorageException {
    switch (effect) {
      case Effect.SendNotification send -> election.send(send.to(), send.notification());
      case Effect.Connect connect -> quorum.connect(connect.peer());
      case Effect.Disconnect disconnect -> {
        LOG.infof(
            "Closing quorum connection with server %d: %s", disconnect.peer(), disconnect.reason());
        quorum.close(disconnect.conn());
      }
      case Effect.Send send -> {
        switch (send.message()) {
          case Message.Diff diff ->
              LOG.infof("Syncing server %d by DIFF up to %s", send.peer(), Zxid.hex(diff.zxid()));
          case Message.Trunc trunc ->
              LOG.infof("Syncing server %d by TRUNC to %s", send.peer(), Zxid.hex(trunc.zxid()));
          default -> {}
        }
        quorum.send(send.conn(), withSessionActivity(send.message()));
      }
      case Effect.SendSnapshot send -> {
        if (db.tree().lastProcessedZxid() != send.zxid()) {
          throw new IllegalStateException(
              "asked for a snapshot at "
                  + Zxid.hex(send.zxid())
                  + " but the state is at "
                  + Zxid.hex(db.tree().lastProcessedZxid()));
        }
        LOG.infof("Syncing server %d by SNAP at %s", send.peer(), Zxid.hex(send.zxid()));
        quorum.send(send.conn(), new Message.Snap(send.zxid(), SnapStream.write(db)));
      }
      case Effect.Append append -> log.append(append.seq(), append.entry());
      case Effect.Truncate truncate -> {
        LOG.infof("Truncating the log to %s (TRUNC from the leader)", Zxid.hex(truncate.zxid()));
        log.truncate(truncate.seq(), truncate.zxid(), db);
        showConfig();
      }
      case Effect.InstallSnapshot install -> {
        LOG.infof("Loading the leader's snapshot at %s", Zxid.hex(install.zxid()));
        SnapStream.read(install.snapshot(), install.zxid(), db);
        log.installSnapshot(install.seq(), install.zxid(), db);
        showConfig();
      }
      case Effect.ActivateConfig activate -> {
        ensemble.activate(activate.membership());
        config = activate.membership().text().getBytes(StandardCharsets.UTF_8);
      }
      case Effect.PersistAcceptedEpoch epoch -> storage.persistAcceptedEpoch(epoch.epoch());
      case Effect.PersistCurrentEpoch epoch -> storage.persistCurrentEpoch(epoch.epoch());
      case Effect.Deliver deliver -> {
        int slot = slot(deliver.entry().zxid());
        // Only what this leader proposed: not the history it commits as it is established.
        if (peer.state() == PeerState.LEADING && proposedZxids[slot] == deliver.entry().zxid()) {
          quorumAckLatency.record((System.nanoTime() - proposedAtNanos[slot]) / 1_000_000);
        }
        pipeline.committed(transaction(deliver.entry()));
      }
      case Effect.Replay replay -> pipeline.replayed(transaction(replay.entry()));
      case Effect.RoleChanged changed -> {
        LOG.infof(
            "%s%s, epoch %d (%s)",
            changed.state(),
            changed.leader() == -1 ? "" : " (leader " + changed.leader() + ")",
            changed.epoch(),
            changed.reason());
        pipeline.stopServing(changed.state() + ": " + changed.reason());
        servingSinceNanos = -1;
        long change = ++roleChanges;
        if (changed.state() == PeerState.LOOKING && readOnlyAfterMillis >= 0) {
          context
              .owner()
              .setTimer(
                  readOnlyAfterMillis,
                  id -> {
                    if (!stopped && roleChanges == change) {
                      pipeline.serveReadOnly();
                    }
                  });
        }
      }
      case Effect.Serving serving -> serve(serving);
      case Effect.LearnerPing ping -> pipeline.touchSessions(SessionTouches.decode(ping.data()));
      case Effect.LearnerRequest request -> forwarded(request);
      case Effect.SyncDone done -> pipeline.syncDone();
    }
  }

  private void serve(Effect.Serving serving) {
    servingSinceNanos = System.nanoTime();
    LOG.infof(
        "Serving clients as %s in epoch %d from %s",
        peer.state(), serving.epoch(), Zxid.hex(serving.zxid()));
    if (peer.state() == PeerState.LEADING) {
      pipeline.serveAsLeader(
          txn -> submit(new Input.Propose(new Entry(txn.zxid(), TxnCodec.bytes(txn)))),
          new LeaderReconfig(peer, ensemble, () -> db.tree().lastProcessedZxid()),
          peer.nextZxid() - 1);
    } else {
      pipeline.serveAsLearner(
          new Forwarder() {
            @Override
            public void forward(
                long sessionId, int cxid, int type, byte[] body, List<Id> authInfo) {
              submit(
                  new Input.Forward(
                      new ForwardedRequest(sessionId, cxid, type, body, authInfo).toBytes()));
            }

            @Override
            public void revalidate(long sessionId, int timeout) {
              if (leaderConn == -1) {
                pipeline.revalidated(sessionId, false);
              } else {
                quorum.send(leaderConn, Revalidate.request(sessionId, timeout));
                quorum.flush();
              }
            }
          },
          peer.state() == PeerState.OBSERVING);
    }
  }

  private void forwarded(Effect.LearnerRequest request) {
    ForwardedRequest forwarded = ForwardedRequest.fromBytes(request.request());
    if (forwarded.type() == OpCode.SYNC) {
      submit(new Input.SyncLearner(request.learner()));
      return;
    }
    pipeline.forwarded(
        request.learner(),
        forwarded.sessionId(),
        forwarded.cxid(),
        forwarded.type(),
        forwarded.body(),
        forwarded.authInfo());
  }

  /** A learner answers the leader's ping with its clients' session activity (Apache's touches). */
  private Message withSessionActivity(Message message) {
    if (message instanceof Message.Ping ping && peer.state() != PeerState.LEADING) {
      return new Message.Ping(ping.zxid(), SessionTouches.encode(pipeline.takeSessionActivity()));
    }
    return message;
  }

  /**
   * /zookeeper/config shows this server's configuration, whatever a snapshot held (Apache's
   * initConfigInZKDatabase, and ZOOKEEPER-2819 after a SNAP): version -1 and mzxid 0 as Apache sets
   * them for a static configuration.
   */
  private void showConfig() {
    db.tree().setData(DataTree.CONFIG, config, -1, 0, System.currentTimeMillis());
  }

  private static Transaction transaction(Entry entry) {
    return TxnCodec.read(Buffer.buffer(entry.payload()));
  }
}

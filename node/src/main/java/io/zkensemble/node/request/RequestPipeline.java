package io.zkensemble.node.request;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.auth.Authenticator;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.session.Session;
import io.zkensemble.node.session.SessionPasswords;
import io.zkensemble.node.session.SessionTracker;
import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.txn.ApplyResult;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.TxnApplier;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.proto.AuthPacket;
import io.zkensemble.node.wire.proto.ConnectRequest;
import io.zkensemble.node.wire.proto.ConnectResponse;
import io.zkensemble.node.wire.proto.GetDataResponse;
import io.zkensemble.node.wire.proto.ReplyHeader;
import io.zkensemble.node.wire.proto.SetSASLResponse;
import io.zkensemble.node.wire.proto.SyncRequest;
import io.zkensemble.node.wire.proto.SyncResponse;
import io.zkensemble.node.wire.txn.CreateSessionTxn;
import io.zkensemble.node.wire.txn.ErrorTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * The request pipeline: sessions, per-connection request order, writes turned into transactions,
 * reads answered from the local tree, replies and watch events in zxid order.
 *
 * <p>Everything here runs on one thread, the pipeline's Vert.x context; the public entry points hop
 * onto it. Requests of one connection are answered strictly in arrival order: its writes are
 * proposed back to back (so that many share an fsync), and any other request waits until the writes
 * before it are committed (Apache's CommitProcessor rule), so a client always reads its own writes.
 *
 * <p>In an ensemble the pipeline serves only while its server leads or follows an established
 * leader. The leader prepares every write, its own clients' and those its learners forward, and
 * tracks and expires the sessions; a learner forwards its clients' writes and syncs to the leader
 * and answers them when their transactions come back committed (matched by session and cxid, as
 * Apache's CommitProcessor does), and reports its sessions' activity in its ping replies.
 */
public final class RequestPipeline {
  private static final Logger LOG = Logger.getLogger(RequestPipeline.class);

  private final NodeConfig config;
  private final Context context;
  private final ZkDatabase db;
  private final DataTree tree;
  private final SessionTracker sessions;
  private final Authenticator auth;
  private final WritePreparer preparer;
  private final ReadHandler reads;
  private final ContainerReaper reaper;
  private final RequestStats stats = new RequestStats();
  private final ServerView view;
  private final Map<ClientLink, Conversation> conversations = new HashMap<>();
  private final Map<Long, Conversation> bySession = new HashMap<>();
  private final ArrayDeque<Proposal> proposals = new ArrayDeque<>();
  private final ArrayDeque<SyncWait> syncs = new ArrayDeque<>();
  private final Map<Long, Integer> touched = new LinkedHashMap<>();
  private final Map<Long, Conversation> revalidating = new HashMap<>();
  private final long myId;
  private Mode mode = Mode.NOT_SERVING;

  /** The mode, published for readiness probes on other threads. */
  private volatile Mode published = Mode.NOT_SERVING;

  private Committer committer;
  private Forwarder forwarder;
  private long lastProposedZxid;
  private long expiryTimer = -1;
  private boolean stopped;
  private boolean writesFailed;

  public RequestPipeline(
      NodeConfig config, Context context, ZkDatabase db, SessionTracker sessions) {
    this.config = config;
    this.context = context;
    this.db = db;
    this.tree = db.tree();
    this.sessions = sessions;
    this.auth = new Authenticator(config.options());
    this.preparer = new WritePreparer(tree, auth, config.options());
    this.reads = new ReadHandler(tree, auth);
    this.reaper = new ContainerReaper(tree, config.options(), context, this::internalWrite);
    this.lastProposedZxid = tree.lastProcessedZxid();
    this.myId = config.myid();
    this.view = new ServerView(this, db);
  }

  /** A standalone node starts serving with {@code committer} and its session expiry clock. */
  public void start(Committer committer) {
    execute(
        () -> {
          this.committer = committer;
          setMode(Mode.STANDALONE);
          startClocks();
        });
  }

  /** Starts the session expiry and container clocks, which act only while leading or standalone. */
  public void startClocks() {
    scheduleExpiry();
    reaper.start();
  }

  /**
   * Call on the pipeline's thread: this server leads and serves. Writes get zxids after {@code
   * lastZxid}; every session in the tree is tracked afresh, as Apache's leader does.
   */
  public void serveAsLeader(Committer committer, Reconfigurer reconfigurer, long lastZxid) {
    this.committer = committer;
    preparer.reconfigurer(reconfigurer);
    this.forwarder = null;
    this.lastProposedZxid = lastZxid;
    setMode(Mode.LEADING);
    sessions.retainOnly(db.sessionTimeouts());
  }

  /** Call on the pipeline's thread: this server follows (or observes) a leader and serves. */
  public void serveAsLearner(Forwarder forwarder, boolean observer) {
    this.forwarder = forwarder;
    preparer.reconfigurer(null);
    this.committer = null;
    setMode(observer ? Mode.OBSERVING : Mode.FOLLOWING);
  }

  /**
   * Call on the pipeline's thread: a server cut off from its quorum serves reads to read-only
   * clients (readonlymode.enabled, Apache's ReadOnlyZooKeeperServer): sessions that exist may
   * reconnect; new sessions, writes and syncs are refused with NotReadOnly, as Apache refuses them
   * without local sessions.
   */
  public void serveReadOnly() {
    if (mode == Mode.NOT_SERVING) {
      LOG.info("Serving read-only clients until a quorum is back");
      setMode(Mode.READ_ONLY);
    }
  }

  /**
   * Call on the pipeline's thread: the server stops serving (its leader is gone, or it lost its
   * quorum). Its clients are disconnected, as Apache's server does, and look for another server;
   * whatever they waited for is settled by the next leader.
   */
  public void stopServing(String reason) {
    if (mode == Mode.NOT_SERVING) {
      return;
    }
    LOG.infof("Not serving clients (%s); closing %d connections", reason, conversations.size());
    setMode(Mode.NOT_SERVING);
    for (Conversation conversation : List.copyOf(conversations.values())) {
      dropConversation(conversation);
      conversation.link.close();
    }
    proposals.clear();
    syncs.clear();
    touched.clear();
    revalidating.clear();
    preparer.forgetPending();
  }

  public void stop() {
    execute(
        () -> {
          stopped = true;
          reaper.stop();
          if (expiryTimer != -1) {
            context.owner().cancelTimer(expiryTimer);
          }
        });
  }

  /** Runs {@code task} on the pipeline's thread. */
  public void execute(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  // ---- entry points for client connections (any thread)

  /** A connection's first packet: creates a session or resumes one. */
  public void connect(ClientLink link, ConnectRequest request, boolean withReadOnly) {
    execute(() -> onConnect(link, request, withReadOnly));
  }

  /** A request on an established connection. */
  public void request(ClientLink link, ClientRequest request) {
    execute(
        () -> {
          try {
            onRequest(link, request);
          } catch (RuntimeException e) {
            // A bug must not leave the client waiting forever: drop its connection, keep serving.
            LOG.errorf(e, "Failed to handle a request from %s; closing it", link.remoteAddress());
            Conversation conversation = conversations.get(link);
            if (conversation != null) {
              dropConversation(conversation);
            }
            link.close();
          }
        });
  }

  /** The connection can take replies again after {@link ClientLink#writable} said no. */
  public void writable(ClientLink link) {
    execute(
        () -> {
          Conversation conversation = conversations.get(link);
          if (conversation != null && conversation.established) {
            drain(conversation);
          }
        });
  }

  /** The connection is gone: its watches go, its session stays until it expires. */
  public void disconnected(ClientLink link) {
    execute(() -> onDisconnected(link));
  }

  /**
   * Answers a question about the server state on the pipeline thread (for the four-letter words and
   * the admin commands); the view is valid only inside the callback.
   */
  public void inspect(Consumer<ServerView> question) {
    execute(() -> question.accept(view));
  }

  // ---- the committer's side

  /** Transactions durable and agreed on, in zxid order; applies and answers each. */
  public void committed(List<Transaction> batch) {
    for (Transaction txn : batch) {
      committed(txn);
    }
  }

  /**
   * The log could not be written: these transactions will never be committed. Whoever waits for one
   * is answered with SystemError (a new session's connection is closed); from now on writes are
   * refused the same way and reads are still served.
   */
  public void storageFailed(List<Transaction> lost, Exception cause) {
    if (!writesFailed) {
      writesFailed = true;
      LOG.errorf("Refusing writes from now on: %s", cause.getMessage());
    }
    preparer.forgetPending();
    for (Transaction txn : lost) {
      Proposal proposal = proposals.peek();
      if (proposal == null || proposal.zxid() != txn.zxid()) {
        continue;
      }
      proposals.poll();
      Conversation origin = proposal.origin();
      if (origin == null || !origin.open) {
        continue;
      }
      if (txn.type() == OpCode.CREATE_SESSION) {
        dropConversation(origin);
        origin.link.close();
      } else {
        refuseWrite(origin);
      }
    }
  }

  private void refuseWrite(Conversation conversation) {
    ClientRequest request = conversation.awaiting.poll();
    reply(conversation, request, ErrorCode.SYSTEM_ERROR, null);
    drain(conversation);
  }

  /** A transaction is durable and agreed on; applies it and answers whoever asked for it. */
  public void committed(Transaction txn) {
    ApplyResult result = TxnApplier.apply(db, txn);
    preparer.applied(txn.zxid());
    Proposal proposal = proposals.peek();
    Conversation origin = null;
    if (proposal != null && proposal.matches(txn)) {
      proposals.poll();
      origin = proposal.origin();
    }
    switch (txn.type()) {
      case OpCode.CREATE_SESSION -> {
        if (origin != null && origin.open) {
          finishConnect(origin, true);
        }
      }
      case OpCode.CLOSE_SESSION -> closeSession(txn.sessionId(), origin, result);
      default -> {
        if (origin != null) {
          replyToWrite(origin, result);
        }
      }
    }
    if (mode == Mode.LEADING) {
      releaseSyncs();
    }
  }

  /** A logged transaction the new leader applies before it serves; nobody waits for it. */
  public void replayed(Transaction txn) {
    TxnApplier.apply(db, txn);
    preparer.applied(txn.zxid());
  }

  // ---- the ensemble's side

  /**
   * Leader: a write a learner forwarded (Apache's REQUEST), prepared like our own clients' writes.
   * A session a learner creates is tracked from here on.
   */
  public void forwarded(
      long learner, long sessionId, int cxid, int type, byte[] body, List<Id> authInfo) {
    if (mode != Mode.LEADING || writesFailed) {
      return;
    }
    long zxid = ++lastProposedZxid;
    Transaction txn;
    if (type == OpCode.CREATE_SESSION) {
      int timeout = Buffer.buffer(body).getInt(0);
      sessions.track(sessionId, timeout);
      sessions.setOwner(sessionId, learner);
      txn =
          new Transaction(
              new TxnHeader(sessionId, cxid, zxid, now(), type), new CreateSessionTxn(timeout));
    } else {
      ClientRequest request = RequestDecoder.decode(cxid, type, new JuteInput(Buffer.buffer(body)));
      boolean live = sessions.touch(sessionId) || type == OpCode.CLOSE_SESSION;
      txn = prepareChecked(sessionId, learner, live, authInfo, request, zxid);
      if (txn.type() == OpCode.CLOSE_SESSION) {
        sessions.setClosing(sessionId);
      }
    }
    propose(txn, null);
  }

  /** Leader: sessions a learner's clients kept busy since its last ping reply. */
  public void touchSessions(Map<Long, Integer> activity) {
    if (mode == Mode.LEADING) {
      activity.keySet().forEach(sessions::touch);
    }
  }

  /**
   * Leader: whether a learner's reconnecting client may keep its session (Apache's REVALIDATE);
   * counts as activity.
   */
  public boolean revalidate(long learner, long sessionId) {
    if (mode != Mode.LEADING || !sessions.touch(sessionId)) {
      return false;
    }
    sessions.setOwner(sessionId, learner);
    return true;
  }

  /** Learner: the leader's answer to a REVALIDATE this server sent. */
  public void revalidated(long sessionId, boolean valid) {
    Conversation conversation = revalidating.remove(sessionId);
    if (conversation != null && conversation.open) {
      finishConnect(conversation, valid);
    }
  }

  /** Learner: the sessions its clients used since the last call (for the next ping reply). */
  public Map<Long, Integer> takeSessionActivity() {
    Map<Long, Integer> activity = Map.copyOf(touched);
    touched.clear();
    return activity;
  }

  /** Learner: the leader answered the oldest forwarded sync; everything before it is applied. */
  public void syncDone() {
    SyncWait sync = syncs.poll();
    if (sync != null) {
      replySync(sync.conversation());
    }
  }

  // ---- connections and sessions

  private void onConnect(ClientLink link, ConnectRequest request, boolean withReadOnly) {
    if (stopped || mode == Mode.NOT_SERVING) {
      // Apache closes the connection too: "ZooKeeperServer not running".
      link.close();
      return;
    }
    stats.countReceived();
    if (request.lastZxidSeen() > tree.lastProcessedZxid()) {
      LOG.infof(
          "Refusing session 0x%x from %s: it has seen zxid 0x%x, ours is 0x%x;"
              + " the client must try another server",
          request.sessionId(),
          link.remoteAddress(),
          request.lastZxidSeen(),
          tree.lastProcessedZxid());
      link.close();
      return;
    }
    if (mode == Mode.READ_ONLY && (!request.readOnly() || request.sessionId() == 0)) {
      LOG.infof(
          "Refusing %s from %s: read-only mode",
          request.readOnly() ? "a new session" : "a client that is not read-only",
          link.remoteAddress());
      link.close();
      return;
    }
    int timeout =
        Math.min(
            Math.max(request.timeOut(), config.minSessionTimeout()), config.maxSessionTimeout());
    Conversation conversation = new Conversation(link, timeout, withReadOnly, auth);
    conversation.received++;
    conversations.put(link, conversation);
    if (request.sessionId() == 0) {
      if (writesFailed) {
        // A new session is a write, and writes are refused.
        dropConversation(conversation);
        link.close();
        return;
      }
      long sessionId = sessions.nextSessionId();
      conversation.sessionId = sessionId;
      if (isLearner()) {
        // Apache's learner forwards createSession with the timeout as its body and cxid 0.
        proposals.add(new Proposal(-1, sessionId, 0, conversation));
        forwarder.forward(
            sessionId,
            0,
            OpCode.CREATE_SESSION,
            Buffer.buffer(4).appendInt(timeout).getBytes(),
            List.of());
        return;
      }
      sessions.track(sessionId, timeout);
      sessions.setOwner(sessionId, myId);
      TxnHeader header =
          new TxnHeader(sessionId, 0, ++lastProposedZxid, now(), OpCode.CREATE_SESSION);
      propose(new Transaction(header, new CreateSessionTxn(timeout)), conversation);
      return;
    }
    long sessionId = request.sessionId();
    conversation.sessionId = sessionId;
    if (!SessionPasswords.matches(sessionId, request.passwd())) {
      LOG.warnf("Incorrect password from %s for session 0x%x", link.remoteAddress(), sessionId);
      finishConnect(conversation, false);
    } else if (isLearner()) {
      // The leader owns the sessions: it says whether this one lives, and moves it here.
      revalidating.put(sessionId, conversation);
      forwarder.revalidate(sessionId, timeout);
    } else {
      boolean valid = touchSession(conversation);
      if (valid) {
        sessions.setOwner(sessionId, myId);
      }
      finishConnect(conversation, valid);
    }
  }

  private void setMode(Mode mode) {
    this.mode = mode;
    published = mode;
  }

  /**
   * Whether the server serves every client: standalone, or a leader or learner in sync with an
   * established leader; not while looking, syncing or read-only. Callable from any thread.
   */
  public boolean servesAll() {
    Mode now = published;
    return now != Mode.NOT_SERVING && now != Mode.READ_ONLY;
  }

  private boolean isLearner() {
    return mode == Mode.FOLLOWING || mode == Mode.OBSERVING;
  }

  /**
   * Records activity on the conversation's session; false when the session is unknown or closing. A
   * learner knows the global sessions from the replicated state and reports activity to the leader,
   * which alone expires sessions.
   */
  private boolean touchSession(Conversation conversation) {
    long sessionId = conversation.sessionId;
    if (mode == Mode.READ_ONLY) {
      return db.sessionTimeouts().containsKey(sessionId);
    }
    if (!isLearner()) {
      return sessions.touch(sessionId);
    }
    if (!db.sessionTimeouts().containsKey(sessionId)) {
      return false;
    }
    touched.put(sessionId, conversation.timeout);
    return true;
  }

  /** Sends the connect response; an invalid session gets zeros and its connection is closed. */
  private void finishConnect(Conversation conversation, boolean valid) {
    long sessionId = conversation.sessionId;
    ConnectResponse response =
        valid
            ? new ConnectResponse(
                0,
                conversation.timeout,
                sessionId,
                SessionPasswords.generate(sessionId),
                mode == Mode.READ_ONLY)
            : new ConnectResponse(0, 0, 0, new byte[SessionPasswords.LENGTH], false);
    conversation.link.reply(Frames.connectResponse(response, conversation.withReadOnly));
    countSent(conversation);
    if (!valid) {
      LOG.infof(
          "Invalid session 0x%x for client %s, probably expired",
          sessionId, conversation.link.remoteAddress());
      dropConversation(conversation);
      conversation.link.close();
      return;
    }
    Conversation previous = bySession.put(sessionId, conversation);
    if (previous != null && previous != conversation) {
      // The client moved to a new connection (Apache's CLIENT_RECONNECT): drop the old one.
      dropConversation(previous);
      previous.link.close();
    }
    conversation.established = true;
    conversation.link.established(sessionId);
    drain(conversation);
  }

  private void onDisconnected(ClientLink link) {
    Conversation conversation = conversations.get(link);
    if (conversation != null) {
      dropConversation(conversation);
    }
  }

  private void dropConversation(Conversation conversation) {
    conversation.open = false;
    conversation.queue.clear();
    conversations.remove(conversation.link);
    bySession.remove(conversation.sessionId, conversation);
    tree.removeWatcher(conversation);
  }

  private void closeSession(long sessionId, Conversation origin, ApplyResult result) {
    sessions.remove(sessionId);
    Conversation owner = bySession.get(sessionId);
    if (origin != null && origin.open) {
      replyToWrite(origin, result);
    }
    if (owner != null) {
      dropConversation(owner);
      owner.link.close();
    }
  }

  private void scheduleExpiry() {
    if (stopped) {
      return;
    }
    long delay = Math.max(1, sessions.millisToNextExpiration());
    expiryTimer =
        context
            .owner()
            .setTimer(
                delay,
                id -> {
                  expireSessions();
                  scheduleExpiry();
                });
  }

  private void expireSessions() {
    if (writesFailed || !(mode == Mode.STANDALONE || mode == Mode.LEADING)) {
      // Closing a session is a write; sessions live on until the node is restarted.
      return;
    }
    for (Session session : sessions.expired()) {
      LOG.infof("Expiring session 0x%x, timeout of %dms exceeded", session.id(), session.timeout());
      ClientRequest close =
          new ClientRequest(0, OpCode.CLOSE_SESSION, null, false, System.nanoTime());
      propose(preparer.prepare(session.id(), List.of(), close, ++lastProposedZxid, now()), null);
    }
  }

  // ---- requests

  private void onRequest(ClientLink link, ClientRequest request) {
    Conversation conversation = conversations.get(link);
    if (conversation == null) {
      return;
    }
    stats.countReceived();
    conversation.received++;
    conversation.queue.add(request);
    if (conversation.established) {
      drain(conversation);
    }
  }

  /**
   * Handles queued requests in order. Writes are proposed one after another without waiting (they
   * are answered in commit order, which is their order); anything else waits until the writes
   * before it are committed, so that a client reads its own writes and replies keep their order.
   */
  private void drain(Conversation conversation) {
    if (conversation.draining) {
      return;
    }
    conversation.draining = true;
    try {
      while (conversation.open
          && !conversation.queue.isEmpty()
          && conversation.link.writable()
          && (conversation.awaiting.isEmpty() || proposes(conversation.queue.peek()))) {
        handle(conversation, conversation.queue.poll());
      }
    } finally {
      conversation.draining = false;
    }
  }

  /**
   * True for a request that becomes a transaction. A write whose body does not decode is answered
   * at once, like a read: Apache takes no zxid for it, except for a multi, which it turns into an
   * error txn.
   */
  private boolean proposes(ClientRequest request) {
    return (WritePreparer.isWrite(request.type())
            && (!request.malformed() || request.type() == OpCode.MULTI)
            && !writesFailed)
        || isEnsembleSync(request);
  }

  /**
   * In an ensemble a sync waits like a write: on the leader until everything proposed before it is
   * applied, on a learner until the leader's SYNC comes back (Apache's sync semantics). Standalone
   * there is nothing to wait for.
   */
  private boolean isEnsembleSync(ClientRequest request) {
    return request.type() == OpCode.SYNC
        && !request.malformed()
        && (mode == Mode.LEADING || isLearner());
  }

  private void handle(Conversation conversation, ClientRequest request) {
    long sessionId = conversation.sessionId;
    boolean live = touchSession(conversation);
    if (request.type() == OpCode.AUTH) {
      authenticate(conversation, request);
      return;
    }
    if (request.type() == OpCode.SASL) {
      // No SASL is configured: Apache then answers Ok with no token and keeps the connection.
      conversation.link.reply(
          Frames.reply(new ReplyHeader(request.xid(), 0, 0), new SetSASLResponse(null)));
      countSent(conversation);
      return;
    }
    if (mode == Mode.READ_ONLY
        && (WritePreparer.isWrite(request.type()) || request.type() == OpCode.SYNC)) {
      reply(conversation, request, ErrorCode.NOT_READ_ONLY, null);
      return;
    }
    if (WritePreparer.isWrite(request.type()) && writesFailed) {
      reply(conversation, request, ErrorCode.SYSTEM_ERROR, null);
      return;
    }
    if (isEnsembleSync(request)) {
      if (!live) {
        reply(conversation, request, ErrorCode.SESSION_EXPIRED, null);
        return;
      }
      conversation.awaiting.add(request);
      if (isLearner()) {
        syncs.add(new SyncWait(conversation, -1));
        forward(conversation, request);
      } else {
        syncs.add(new SyncWait(conversation, lastProposedZxid));
        releaseSyncs();
      }
      return;
    }
    if (proposes(request) && isLearner()) {
      if (!live && request.type() != OpCode.CLOSE_SESSION) {
        reply(conversation, request, ErrorCode.SESSION_EXPIRED, null);
        return;
      }
      conversation.awaiting.add(request);
      proposals.add(new Proposal(-1, sessionId, request.xid(), conversation));
      forward(conversation, request);
      return;
    }
    if (proposes(request)) {
      conversation.awaiting.add(request);
      long zxid = ++lastProposedZxid;
      Transaction txn =
          prepareChecked(
              sessionId,
              myId,
              live || request.type() == OpCode.CLOSE_SESSION,
              conversation.ids(),
              request,
              zxid);
      if (txn.type() == OpCode.CLOSE_SESSION) {
        sessions.setClosing(sessionId);
      }
      propose(txn, conversation);
      return;
    }
    ReadHandler.Answer answer =
        live
            ? reads.answer(request, conversation)
            : new ReadHandler.Answer(ErrorCode.SESSION_EXPIRED, null);
    reply(conversation, request, answer.err(), answer.body());
  }

  /**
   * An auth packet (xid -4): the ids it proves are added to the connection's, answered with zxid 0
   * as Apache does; a failure is answered with AuthFailed and the connection is closed.
   */
  private void authenticate(Conversation conversation, ClientRequest request) {
    AuthPacket packet = (AuthPacket) request.body();
    List<Id> ids =
        packet == null
            ? List.of()
            : auth.authenticate(packet.scheme(), packet.auth(), conversation.link.remoteIp());
    if (ids.isEmpty()) {
      LOG.warnf(
          "Authentication failed for scheme %s from %s",
          packet == null ? null : packet.scheme(), conversation.link.remoteAddress());
      conversation.link.reply(
          Frames.reply(new ReplyHeader(request.xid(), 0, ErrorCode.AUTH_FAILED), null));
      dropConversation(conversation);
      conversation.link.close();
      return;
    }
    conversation.addIds(ids);
    conversation.link.reply(Frames.reply(new ReplyHeader(request.xid(), 0, 0), null));
    countSent(conversation);
  }

  /**
   * A write the server itself makes, outside any session: the container reaper's deletes. It goes
   * through the same preparation and commit as a client's write.
   */
  private void internalWrite(int type, JuteRecord body) {
    if (stopped || writesFailed || !(mode == Mode.STANDALONE || mode == Mode.LEADING)) {
      return;
    }
    ClientRequest request = new ClientRequest(0, type, body, false, System.nanoTime());
    propose(preparer.prepare(0, List.of(), request, ++lastProposedZxid, now()), null);
  }

  /**
   * Prepares a write of a session through server {@code owner}, unless the session is not {@code
   * live} (SessionExpired) or has moved to another server (SessionMoved), as Apache's
   * PrepRequestProcessor checks it.
   */
  private Transaction prepareChecked(
      long sessionId, long owner, boolean live, List<Id> ids, ClientRequest request, long zxid) {
    if (!live) {
      return errorTxn(sessionId, request, zxid, ErrorCode.SESSION_EXPIRED);
    }
    if (!sessions.checkOwner(sessionId, owner)) {
      return errorTxn(sessionId, request, zxid, ErrorCode.SESSION_MOVED);
    }
    return preparer.prepare(sessionId, ids, request, zxid, now());
  }

  private Transaction errorTxn(long sessionId, ClientRequest request, long zxid, int err) {
    TxnHeader header = new TxnHeader(sessionId, request.xid(), zxid, now(), OpCode.ERROR);
    return new Transaction(header, new ErrorTxn(err));
  }

  /**
   * Leader: proposes a reconfig the server itself makes (no client, no checks), whose configuration
   * text {@code configuration} renders for the transaction's zxid (its version).
   */
  public boolean proposeConfiguration(LongFunction<byte[]> configuration) {
    if (stopped || writesFailed || mode != Mode.LEADING) {
      return false;
    }
    long zxid = ++lastProposedZxid;
    TxnHeader header = new TxnHeader(0, 0, zxid, now(), OpCode.RECONFIG);
    propose(
        new Transaction(header, new SetDataTxn(DataTree.CONFIG, configuration.apply(zxid), -1)),
        null);
    return true;
  }

  private void propose(Transaction txn, Conversation origin) {
    proposals.add(new Proposal(txn.zxid(), txn.sessionId(), txn.header().cxid(), origin));
    committer.propose(txn);
  }

  /** Sends a client's write or sync to the leader, its body as the client encoded it. */
  private void forward(Conversation conversation, ClientRequest request) {
    Buffer body = Buffer.buffer();
    if (request.body() != null) {
      request.body().writeTo(new JuteOutput(body));
    }
    forwarder.forward(
        conversation.sessionId, request.xid(), request.type(), body.getBytes(), conversation.ids());
  }

  /** Leader: answers the syncs whose writes before them are all applied. */
  private void releaseSyncs() {
    while (!syncs.isEmpty() && syncs.peek().zxid() <= tree.lastProcessedZxid()) {
      replySync(syncs.poll().conversation());
    }
  }

  private void replySync(Conversation conversation) {
    ClientRequest request = conversation.awaiting.peek();
    if (!conversation.open || request == null || request.type() != OpCode.SYNC) {
      return;
    }
    conversation.awaiting.poll();
    reply(conversation, request, 0, new SyncResponse(((SyncRequest) request.body()).path()));
    drain(conversation);
  }

  private void replyToWrite(Conversation conversation, ApplyResult result) {
    ClientRequest request = conversation.awaiting.poll();
    if (request == null) {
      return;
    }
    if (result.type() == OpCode.MULTI) {
      // Apache answers a multi with err 0 and puts each op's outcome in the results.
      reply(conversation, request, 0, WriteReplies.multi(result));
    } else if (result.type() == OpCode.RECONFIG && result.err() == 0) {
      // Apache's FinalRequestProcessor answers the configuration now in force.
      byte[] configuration = tree.node(DataTree.CONFIG).data();
      reply(conversation, request, 0, new GetDataResponse(configuration, result.stat()));
    } else {
      reply(conversation, request, result.err(), WriteReplies.body(result));
    }
    drain(conversation);
  }

  private void reply(Conversation conversation, ClientRequest request, int err, JuteRecord body) {
    if (!conversation.open) {
      return;
    }
    long zxid = tree.lastProcessedZxid();
    ReplyHeader header = new ReplyHeader(request.xid(), zxid, err);
    conversation.link.reply(Frames.reply(header, body));
    countSent(conversation);
    long now = System.nanoTime();
    long latency = stats.completed(request, now);
    conversation.answered(request, zxid, latency, now / 1_000_000);
  }

  private void countSent(Conversation conversation) {
    conversation.sent++;
    stats.countSent();
  }

  private long now() {
    return System.currentTimeMillis();
  }

  Collection<Conversation> conversations() {
    return conversations.values();
  }

  RequestStats stats() {
    return stats;
  }

  /** Standalone or leading: the tracked sessions by expiry, converted to wall clock ms. */
  SortedMap<Long, List<Long>> sessionsByExpiryWallClock() {
    SortedMap<Long, List<Long>> wall = new TreeMap<>();
    if (mode != Mode.STANDALONE && mode != Mode.LEADING) {
      return wall;
    }
    long offset = System.currentTimeMillis() - sessions.now();
    sessions.sessionsByExpiry().forEach((expiry, ids) -> wall.put(expiry + offset, ids));
    return wall;
  }

  Figures figures() {
    Summary.Snapshot latency = stats.latency();
    return new Figures(
        latency.min(),
        latency.avg(),
        latency.max(),
        stats.received(),
        stats.sent(),
        conversations.size(),
        proposals.size(),
        tree.lastProcessedZxid(),
        tree.nodeCount(),
        mode.label,
        conversations.values().stream().map(RequestPipeline::describe).toList());
  }

  /** Apache's brief ServerCnxn.dumpConnectionInfo: " /ip:port[1](queued=..,recved=..,sent=..)". */
  private static String describe(Conversation conversation) {
    return " /"
        + conversation.link.remoteAddress()
        + "[1](queued="
        + (conversation.queue.size() + conversation.awaiting.size())
        + ",recved="
        + conversation.received
        + ",sent="
        + conversation.sent
        + ")";
  }

  /** Server figures at one instant, as srvr prints them. */
  public record Figures(
      long minLatency,
      double avgLatency,
      long maxLatency,
      long received,
      long sent,
      int connections,
      int outstanding,
      long lastZxid,
      int nodeCount,
      String mode,
      List<String> clients) {

    /** Whether the server serves clients (Apache's isRunning). */
    public boolean serving() {
      return mode != null;
    }
  }

  /** What the server does for its clients; the label is srvr's "Mode:" (null: not serving). */
  private enum Mode {
    STANDALONE("standalone"),
    LEADING("leader"),
    FOLLOWING("follower"),
    OBSERVING("observer"),
    READ_ONLY("read-only"),
    NOT_SERVING(null);

    final String label;

    Mode(String label) {
      this.label = label;
    }
  }

  /**
   * A write this server proposed ({@code zxid} known) or forwarded (zxid -1: matched by session and
   * cxid when it comes back committed), and the connection waiting for it (or none).
   */
  private record Proposal(long zxid, long sessionId, int cxid, Conversation origin) {
    boolean matches(Transaction txn) {
      return zxid == -1
          ? sessionId == txn.sessionId() && cxid == txn.header().cxid()
          : zxid == txn.zxid();
    }
  }

  /** A sync waiting until {@code zxid} is applied (leader) or the leader's SYNC (learner). */
  private record SyncWait(Conversation conversation, long zxid) {}
}

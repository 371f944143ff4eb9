package io.zkensemble.node.zab;

import java.util.ArrayDeque;

/**
 * A follower or an observer, as Apache's Learner, Follower and Observer, for one leader.
 *
 * <ol>
 *   <li>Connect to the leader and send FOLLOWERINFO (OBSERVERINFO) with the accepted epoch. A
 *       connection refused, or closed before LEADERINFO, is tried again after connectRetryInterval,
 *       {@value #CONNECT_ATTEMPTS} attempts at most and within initLimit ticks; then look again:
 *       the server elected may not lead at all (a stale vote won the election).
 *   <li>On LEADERINFO, accept the new epoch (persisted first) and answer ACKEPOCH with the last
 *       logged zxid and the current epoch (-1 if this epoch was already accepted).
 *   <li>Sync: DIFF (keep the log), TRUNC (drop what the leader lacks) or SNAP (take the leader's
 *       state), then the proposals and commits that follow are logged as they come.
 *   <li>On NEWLEADER, once everything received is durable, make the epoch current (persisted) and
 *       only then acknowledge: the leader counts this server as holding its history
 *       (ZOOKEEPER-3911).
 *   <li>On UPTODATE, deliver what the leader committed, serve, and acknowledge each proposal once
 *       it is durable; deliver each COMMIT (an observer each INFORM) in order.
 *   <li>Reconfig: NEWLEADER carries the leader's newest configuration, put in force at UPTODATE
 *       (the leader activated it as it was established); COMMITANDACTIVATE (INFORMANDACTIVATE)
 *       commits a reconfig and puts its configuration in force. Look again when that changes the
 *       leader (it was designated another) or this server's role, as Apache's processReconfig.
 *   <li>Give up on the leader when it is silent for initLimit ticks while syncing, syncLimit ticks
 *       after.
 * </ol>
 */
final class Learning {
  /** Apache's Learner.connectToLeader gives up after 5 tries. */
  static final int CONNECT_ATTEMPTS = 5;

  private enum Phase {
    CONNECTING,
    AWAIT_LEADERINFO,
    AWAIT_SYNC,
    SYNCING,
    ACKING_NEWLEADER,
    AWAIT_UPTODATE,
    BROADCAST
  }

  private final Self self;
  private final History history;
  private final long leader;
  private final boolean observer;
  private final long started;
  private final ArrayDeque<Long> pending = new ArrayDeque<>();

  /** Proposals to acknowledge once durable: {zxid, storage operation}. */
  private final ArrayDeque<long[]> toAck = new ArrayDeque<>();

  private Phase phase = Phase.CONNECTING;
  private long conn = -1;
  private boolean connecting;
  private int attempts;
  private long nextConnect;
  private long lastHeard;
  private long newEpoch;
  private long commitPoint;
  private long newLeaderZxid;
  private long newLeaderSeq;
  private String ended;

  /** A configuration newer than the one in force, to activate at UPTODATE; or null. */
  private Membership lastSeen;

  /** The leader a reconfig designated in place of this one, or -1. */
  private long designated = -1;

  Learning(Self self, long leader) {
    this.self = self;
    this.history = self.history;
    this.leader = leader;
    this.observer = self.isObserver();
    this.started = self.now();
    connect();
  }

  /**
   * The server a committed reconfig designated to lead next, once this role ended for it; -1
   * otherwise. Apache's followers go to it at once (QuorumPeer's reconfigFlag), with no election.
   */
  long designatedLeader() {
    return designated;
  }

  String ended() {
    return ended;
  }

  long leader() {
    return leader;
  }

  long epoch() {
    return newEpoch;
  }

  boolean serving() {
    return phase == Phase.BROADCAST && ended == null;
  }

  void connected(long peer, long conn) {
    if (phase != Phase.CONNECTING || peer != leader || !connecting) {
      self.out.add(new Effect.Disconnect(peer, conn, "not expecting a connection"));
      return;
    }
    connecting = false;
    this.conn = conn;
    lastHeard = self.now();
    phase = Phase.AWAIT_LEADERINFO;
    self.send(
        leader,
        conn,
        new Message.LearnerInfo(
            observer, self.acceptedEpoch(), self.myId(), self.membership().version()));
  }

  void connectFailed(long peer) {
    if (peer == leader && phase == Phase.CONNECTING) {
      connecting = false;
      retryConnect("refused");
    }
  }

  void disconnected(long conn) {
    if (conn != this.conn) {
      return;
    }
    this.conn = -1;
    if (phase == Phase.AWAIT_LEADERINFO) {
      // The leader may not lead yet (its election ends a little later): try again, as Apache's
      // learner retries a connection its leader does not accept yet.
      phase = Phase.CONNECTING;
      retryConnect("closed before LEADERINFO");
    } else {
      end("the connection to leader " + leader + " closed");
    }
  }

  void tick() {
    long now = self.now();
    if (phase == Phase.CONNECTING) {
      if (now - started >= self.config.initLimit()) {
        end("could not connect to leader " + leader + " within initLimit");
      } else if (!connecting && now >= nextConnect) {
        connect();
      }
      return;
    }
    long limit = phase == Phase.BROADCAST ? self.config.syncLimit() : self.config.initLimit();
    if (now - lastHeard > limit) {
      end("leader " + leader + " silent for " + (now - lastHeard) + " ticks");
    }
  }

  void persisted() {
    if (phase == Phase.ACKING_NEWLEADER && history.durableThrough(newLeaderSeq)) {
      ackNewLeader();
    }
    if (phase == Phase.BROADCAST) {
      sendAcks();
    }
  }

  void forward(byte[] request) {
    Self.check(serving(), "not serving");
    self.send(leader, conn, new Message.Request(request));
  }

  void received(long conn, Message message) {
    if (conn != this.conn || ended != null) {
      return;
    }
    lastHeard = self.now();
    switch (phase) {
      case AWAIT_LEADERINFO -> leaderInfo(message);
      case AWAIT_SYNC -> syncStart(message);
      case SYNCING, ACKING_NEWLEADER, AWAIT_UPTODATE -> syncing(message);
      case BROADCAST -> broadcast(message);
      case CONNECTING -> end("message before connecting");
    }
  }

  private void connect() {
    connecting = true;
    attempts++;
    self.out.add(new Effect.Connect(leader));
  }

  private void retryConnect(String why) {
    if (attempts >= CONNECT_ATTEMPTS) {
      end("connection to leader " + leader + " " + why + " " + attempts + " times");
    } else {
      nextConnect = self.now() + self.config.connectRetryInterval();
    }
  }

  private void leaderInfo(Message message) {
    if (!(message instanceof Message.LeaderInfo info)) {
      end(message + " instead of LEADERINFO");
      return;
    }
    long accepted = self.acceptedEpoch();
    if (info.newEpoch() < accepted) {
      end("leader's epoch " + info.newEpoch() + " is below the accepted epoch " + accepted);
      return;
    }
    long current = info.newEpoch() > accepted ? self.currentEpoch() : -1;
    self.acceptEpoch(info.newEpoch());
    newEpoch = info.newEpoch();
    phase = Phase.AWAIT_SYNC;
    long lastLogged = self.needsSnapshot() ? -1 : history.lastLogged();
    self.send(leader, conn, new Message.AckEpoch(lastLogged, current));
  }

  private void syncStart(Message message) {
    switch (message) {
      case Message.Diff diff -> {
        commitPoint = diff.zxid();
        // What this server logged beyond the leader's commit point is still to be committed.
        for (Entry entry : history.after(commitPoint)) {
          pending.add(entry.zxid());
        }
      }
      case Message.Trunc trunc -> {
        if (trunc.zxid() < history.floor()) {
          // The transactions to drop are inside a snapshot (one a leader sent that never
          // became committed): only a snapshot of the leader's state can fix that.
          self.needsSnapshot(true);
          end(
              "TRUNC to "
                  + Zxid.hex(trunc.zxid())
                  + " is below the snapshot at "
                  + Zxid.hex(history.floor()));
          return;
        }
        history.truncate(trunc.zxid(), self.out);
        commitPoint = trunc.zxid();
      }
      case Message.Snap snap -> {
        history.installSnapshot(snap.zxid(), snap.snapshot(), self.out);
        self.needsSnapshot(false);
        commitPoint = snap.zxid();
      }
      default -> {
        end(message + " instead of DIFF, TRUNC or SNAP");
        return;
      }
    }
    phase = Phase.SYNCING;
  }

  private void syncing(Message message) {
    switch (message) {
      case Message.Proposal proposal -> logProposal(proposal.entry());
      case Message.Commit commit -> {
        if (takePending(commit.zxid())) {
          commitPoint = Math.max(commitPoint, commit.zxid());
        }
      }
      case Message.CommitAndActivate commit -> {
        if (takePending(commit.zxid())) {
          commitPoint = Math.max(commitPoint, commit.zxid());
          seen(Reconfig.membershipOf(history.entry(commit.zxid())));
        }
      }
      case Message.Inform inform -> {
        if (inform(inform.entry())) {
          commitPoint = inform.entry().zxid();
        }
      }
      case Message.InformAndActivate inform -> {
        if (inform(inform.entry())) {
          commitPoint = inform.entry().zxid();
          seen(Reconfig.membershipOf(inform.entry()));
        }
      }
      case Message.NewLeader newLeader when phase == Phase.SYNCING -> {
        if (newLeader.config() != null) {
          seen(Membership.parse(newLeader.config()));
        }
        newLeaderZxid = newLeader.zxid();
        if (Zxid.epoch(newLeaderZxid) != newEpoch) {
          end("NEWLEADER " + Zxid.hex(newLeaderZxid) + " is not of epoch " + newEpoch);
          return;
        }
        newLeaderSeq = history.lastSeq();
        phase = Phase.ACKING_NEWLEADER;
        persisted();
      }
      case Message.UpToDate upToDate when phase == Phase.AWAIT_UPTODATE -> upToDate();
      case Message.Ping ping -> {
        // Apache's learner ignores pings until it is up to date.
      }
      default -> end("unexpected " + message + " while syncing");
    }
  }

  /** Everything received before NEWLEADER is durable: take the epoch as current, then say so. */
  private void ackNewLeader() {
    self.makeEpochCurrent(newEpoch);
    phase = Phase.AWAIT_UPTODATE;
    self.send(leader, conn, new Message.Ack(newLeaderZxid));
  }

  private void upToDate() {
    if (commitPoint > history.lastLogged()) {
      end(
          "the leader committed "
              + Zxid.hex(commitPoint)
              + " but sent only up to "
              + Zxid.hex(history.lastLogged()));
      return;
    }
    history.deliverThrough(commitPoint, self.out);
    history.trim(history.applied());
    phase = Phase.BROADCAST;
    self.out.add(new Effect.Serving(newEpoch, history.applied()));
    self.send(leader, conn, new Message.Ack(Zxid.make(newEpoch, 0)));
    sendAcks();
    if (lastSeen != null) {
      Membership next = lastSeen;
      lastSeen = null;
      activate(next, leader);
    }
  }

  private void seen(Membership membership) {
    if (membership != null
        && membership.version() > self.membership().version()
        && (lastSeen == null || membership.version() > lastSeen.version())) {
      lastSeen = membership;
    }
  }

  /**
   * Puts {@code next} in force; when it names another leader, or makes this server an observer
   * after a follower or the other way round, this leader is left and the next one elected in the
   * new configuration (Apache's processReconfig). A server the configuration leaves out (joining,
   * or removed) follows on without a vote, as Apache's non-voting followers do.
   */
  private void activate(Membership next, long designatedLeader) {
    self.activate(next);
    String version = Long.toHexString(next.version());
    if (designatedLeader != leader) {
      designated = designatedLeader;
      end("configuration " + version + " is led by server " + designatedLeader);
    } else if (self.isObserver() != observer) {
      end("server " + self.myId() + " changes role in configuration " + version);
    }
  }

  private void broadcast(Message message) {
    switch (message) {
      case Message.Proposal proposal -> {
        if (!observer) {
          logProposal(proposal.entry());
          sendAcks();
        }
      }
      case Message.Commit commit -> {
        if (!observer && takePending(commit.zxid())) {
          deliver(commit.zxid());
        }
      }
      case Message.CommitAndActivate commit -> {
        if (!observer && takePending(commit.zxid())) {
          deliver(commit.zxid());
          activateReconfig(history.entry(commit.zxid()), commit.designatedLeader());
        }
      }
      case Message.Inform inform -> {
        if (observer && inform(inform.entry())) {
          deliver(inform.entry().zxid());
        }
      }
      case Message.InformAndActivate inform -> {
        if (observer && inform(inform.entry())) {
          deliver(inform.entry().zxid());
          activateReconfig(inform.entry(), inform.designatedLeader());
        }
      }
      case Message.Ping ping -> self.send(leader, conn, new Message.Ping(ping.zxid(), new byte[0]));
      case Message.Sync sync -> self.out.add(new Effect.SyncDone());
      case Message.UpToDate upToDate -> {
        // Apache logs this and carries on.
      }
      default -> end("unexpected " + message);
    }
  }

  private void activateReconfig(Entry entry, long designatedLeader) {
    Membership next = Reconfig.membershipOf(entry);
    if (next == null) {
      end("activation of " + Zxid.hex(entry.zxid()) + ", which is no reconfig");
    } else if (next.version() > self.membership().version()) {
      activate(next, designatedLeader);
    }
  }

  private void deliver(long zxid) {
    history.deliverThrough(zxid, self.out);
    history.trim(history.applied());
  }

  private void logProposal(Entry entry) {
    if (!logEntry(entry)) {
      return;
    }
    if (pending.size() >= self.config.maxOutstandingProposals()) {
      end("more than " + self.config.maxOutstandingProposals() + " proposals uncommitted");
      return;
    }
    pending.add(entry.zxid());
    toAck.add(new long[] {entry.zxid(), history.lastSeq()});
  }

  /** A committed transaction for an observer: logged now, or already logged and pending. */
  private boolean inform(Entry entry) {
    if (entry.zxid() <= history.lastLogged()) {
      return takePending(entry.zxid());
    }
    return logEntry(entry);
  }

  private boolean logEntry(Entry entry) {
    if (entry.zxid() <= history.lastLogged()) {
      end(
          "proposal "
              + Zxid.hex(entry.zxid())
              + " is not after the log's end "
              + Zxid.hex(history.lastLogged()));
      return false;
    }
    history.append(entry, self.out);
    return true;
  }

  /** A COMMIT must name the oldest proposal not committed yet (Apache exits otherwise). */
  private boolean takePending(long zxid) {
    Long oldest = pending.peekFirst();
    if (oldest == null || oldest != zxid) {
      end(
          "COMMIT "
              + Zxid.hex(zxid)
              + " but the oldest uncommitted proposal is "
              + (oldest == null ? "none" : Zxid.hex(oldest)));
      return false;
    }
    pending.removeFirst();
    return true;
  }

  private void sendAcks() {
    if (observer) {
      return;
    }
    while (!toAck.isEmpty() && history.durableThrough(toAck.peekFirst()[1])) {
      self.send(leader, conn, new Message.Ack(toAck.removeFirst()[0]));
    }
  }

  /** Lets the leader go. */
  void end(String reason) {
    if (ended != null) {
      return;
    }
    ended = reason;
    if (conn >= 0) {
      self.out.add(new Effect.Disconnect(leader, conn, reason));
      conn = -1;
    }
  }
}

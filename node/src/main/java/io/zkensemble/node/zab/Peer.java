package io.zkensemble.node.zab;

import java.util.List;
import java.util.Map;

/**
 * One server's consensus core: fast leader election and ZAB as a pure state machine, modelled on
 * etcd's raft library. {@link #step} takes one {@link Input} and returns the {@link Effect}s it
 * causes, in order; nothing in here reads a clock, a socket or a file, starts a thread or draws a
 * random number, so a sequence of inputs always gives the same effects.
 *
 * <p>The server is LOOKING until an election decides; then it leads ({@link Leading}) or learns
 * ({@link Learning}: follows, or observes) until that ends, and looks again. Election notifications
 * are answered in every state, as Apache's FastLeaderElection receiver does.
 */
public final class Peer {
  private final Self self;
  private final Election election;
  private PeerState state = PeerState.LOOKING;
  private Vote currentVote;
  private Leading leading;
  private Learning learning;

  public Peer(ZabConfig config, DurableState durable) {
    this.self = new Self(config, durable);
    this.election = new Election(self);
    this.currentVote =
        new Vote(
            config.myId(), durable.lastLoggedZxid(), -1, durable.currentEpoch(), PeerState.LOOKING);
  }

  /** Starts the first election. */
  public List<Effect> start() {
    look("started");
    return self.out.drain();
  }

  public List<Effect> step(Input input) {
    switch (input) {
      case Input.Tick tick -> tick();
      case Input.NotificationReceived n -> notification(n.from(), n.notification());
      case Input.Connected c -> connected(c.peer(), c.conn());
      case Input.Disconnected d -> {
        if (leading != null) {
          leading.disconnected(d.conn());
        } else if (learning != null) {
          learning.disconnected(d.conn());
        }
      }
      case Input.ConnectFailed f -> {
        if (learning != null) {
          learning.connectFailed(f.peer());
        }
      }
      case Input.Received r -> {
        if (leading != null) {
          leading.received(r.conn(), r.message());
        } else if (learning != null) {
          learning.received(r.conn(), r.message());
        }
      }
      case Input.Persisted p -> {
        self.history.persisted(p.seq());
        if (leading != null) {
          leading.persisted();
        } else if (learning != null) {
          learning.persisted();
        }
      }
      case Input.Propose p -> {
        Self.check(leading != null, "only the leader proposes");
        leading.propose(p.entry());
      }
      case Input.Forward f -> {
        Self.check(learning != null, "only a learner forwards");
        learning.forward(f.request());
      }
      case Input.TransferLeadership t -> {
        Self.check(leading != null, "only the leader hands leadership over");
        leading.transferTo(t.to());
      }
      case Input.SyncLearner s -> {
        Self.check(leading != null, "only the leader syncs learners");
        leading.syncLearner(s.learner());
      }
    }
    endRoleIfOver();
    return self.out.drain();
  }

  public PeerState state() {
    return state;
  }

  public long myId() {
    return self.myId();
  }

  /** The leader this server follows or is, or -1 while looking. */
  public long leader() {
    return state == PeerState.LOOKING ? -1 : currentVote.leader();
  }

  /** Whether this server serves clients: an established leader, or a learner up to date. */
  public boolean serving() {
    return (leading != null && leading.serving()) || (learning != null && learning.serving());
  }

  public boolean canPropose() {
    return leading != null && leading.canPropose();
  }

  /** The configuration in force. */
  public Membership membership() {
    return self.membership();
  }

  /** Whether this server leads and no reconfig is in progress (Apache's ReconfigInProgress). */
  public boolean canReconfig() {
    return canPropose() && leading.canReconfig();
  }

  /**
   * The leader and the followers it has brought up to date, voters or not: a reconfig needs a
   * quorum of the new configuration among them (Apache's isQuorumSynced).
   */
  public List<Long> syncedFollowers() {
    return leading == null ? List.of() : leading.syncedFollowers();
  }

  /** The zxid the next proposal must carry. */
  public long nextZxid() {
    Self.check(leading != null, "only the leader proposes");
    return leading.nextZxid();
  }

  public long acceptedEpoch() {
    return self.acceptedEpoch();
  }

  public long currentEpoch() {
    return self.currentEpoch();
  }

  public long lastLoggedZxid() {
    return self.history.lastLogged();
  }

  /** The zxid the state reflects. */
  public long appliedZxid() {
    return self.history.applied();
  }

  /**
   * Leader: how many followers ({@code observers} false) or observers are connected, or synced
   * ({@code synced}); 0 on any other server. For mntr's learners, synced_followers,
   * synced_observers.
   */
  public int learners(boolean observers, boolean synced) {
    return leading == null ? 0 : leading.learners(observers, synced);
  }

  /** Leader: each follower's proposals sent and not yet acknowledged, by its id. */
  public Map<Long, Integer> followerLag() {
    return leading == null ? Map.of() : leading.followerLag();
  }

  /** The election round (Apache's logicalclock). */
  public long electionRound() {
    return election.round();
  }

  private void tick() {
    self.tick();
    if (leading != null) {
      leading.tick();
    } else if (learning != null) {
      learning.tick();
    } else {
      Election.Decision decided = election.tick(self.out);
      if (decided != null) {
        follow(decided);
      }
    }
  }

  private void connected(long peer, long conn) {
    if (leading != null) {
      leading.connected(conn);
    } else if (learning != null) {
      learning.connected(peer, conn);
    } else {
      self.out.add(new Effect.Disconnect(peer, conn, "not leading"));
    }
  }

  /**
   * Apache's WorkerReceiver and lookForLeader: a non-voter gets our vote back at once; while
   * looking, a notification feeds the election (and a voter of an earlier round gets our vote);
   * otherwise a looking voter is told whom we follow.
   */
  private void notification(long from, Notification n) {
    if (!self.membership().isVoter(from)) {
      reply(from, currentVote, election.round());
      return;
    }
    if (state == PeerState.LOOKING) {
      Election.Decision decided = election.receive(from, n, self.out);
      if (n.state() == PeerState.LOOKING && n.electionEpoch() < election.round()) {
        Vote proposal = election.proposal();
        reply(from, proposal, election.round());
      }
      if (decided != null) {
        follow(decided);
      }
    } else if (n.state() == PeerState.LOOKING) {
      reply(from, currentVote, currentVote.electionEpoch());
    }
  }

  private void reply(long to, Vote vote, long round) {
    self.out.add(
        new Effect.SendNotification(
            to,
            new Notification(
                state,
                vote.leader(),
                vote.zxid(),
                round,
                vote.peerEpoch(),
                Notification.VERSION,
                self.membership().text())));
  }

  private void follow(Election.Decision decided) {
    follow(decided, "elected");
  }

  private void follow(Election.Decision decided, String why) {
    currentVote = decided.vote();
    state = decided.state();
    self.out.add(new Effect.RoleChanged(state, currentVote.leader(), currentVote.peerEpoch(), why));
    if (state == PeerState.LEADING) {
      leading = new Leading(self);
    } else {
      learning = new Learning(self, currentVote.leader());
    }
  }

  private void endRoleIfOver() {
    if (leading != null && leading.serving()) {
      updateVoteEpoch(leading.epoch());
    }
    if (learning != null && learning.serving()) {
      updateVoteEpoch(learning.epoch());
    }
    String reason = null;
    long designated = -1;
    if (leading != null && leading.ended() != null) {
      reason = leading.ended();
      leading = null;
    } else if (learning != null && learning.ended() != null) {
      reason = learning.ended();
      designated = learning.designatedLeader();
      learning = null;
    }
    if (designated != -1 && self.membership().isVoter(designated)) {
      followDesignated(designated);
    } else if (reason != null) {
      look(reason);
    }
  }

  /**
   * A committed reconfig designated {@code leader}: lead or follow it without an election, as
   * Apache's servers do (QuorumPeer.updateServerState with reconfigFlag). If it does not lead, the
   * usual limits (initLimit, 5 connection attempts) bring this server back to looking.
   */
  private void followDesignated(long leader) {
    PeerState role =
        leader == self.myId()
            ? PeerState.LEADING
            : self.isObserver() ? PeerState.OBSERVING : PeerState.FOLLOWING;
    Vote vote =
        new Vote(leader, self.history.lastLogged(), election.round(), self.currentEpoch(), role);
    follow(new Election.Decision(vote, role), "designated by a reconfig");
  }

  /** Apache's updateElectionVote: joiners must see the epoch being served (ZOOKEEPER-1732). */
  private void updateVoteEpoch(long epoch) {
    if (currentVote.peerEpoch() != epoch) {
      currentVote =
          new Vote(
              currentVote.leader(),
              currentVote.zxid(),
              currentVote.electionEpoch(),
              epoch,
              currentVote.state());
    }
  }

  private void look(String reason) {
    state = PeerState.LOOKING;
    self.out.add(new Effect.RoleChanged(PeerState.LOOKING, -1, self.currentEpoch(), reason));
    Election.Decision decided =
        election.begin(self.history.lastLogged(), self.currentEpoch(), self.out);
    if (decided != null) {
      follow(decided);
    }
  }
}

package io.zkensemble.node.zab;

import java.util.Map;
import java.util.TreeMap;

/**
 * Fast leader election, as Apache's FastLeaderElection.lookForLeader, for one round of LOOKING.
 *
 * <ol>
 *   <li>Start a round: increment the round number (logicalclock), vote for yourself (a voter's last
 *       logged zxid and current epoch; an observer votes for nobody), send the vote to every voter.
 *   <li>On a LOOKING notification of a later round, adopt that round, forget the votes received,
 *       vote for the better of its candidate and yourself, and resend. Of an earlier round, ignore
 *       it. Of this round, adopt its candidate if it beats yours ({@link Vote#beats}) and resend.
 *       Record the sender's vote.
 *   <li>Once a quorum of voters votes as you do, wait {@code finalizeWait} ticks: a notification
 *       with a better candidate resumes the round; otherwise the candidate is elected.
 *   <li>A notification from a server already FOLLOWING or LEADING counts towards joining the leader
 *       it names, once a quorum names it and the leader itself says it is LEADING.
 *   <li>Without notifications for a while, resend the vote, waiting twice as long each time.
 * </ol>
 *
 * Votes are kept in sorted maps so that no decision depends on hash order.
 */
final class Election {
  /** The outcome of a round: the vote elected and the role it gives this server. */
  record Decision(Vote vote, PeerState state) {}

  private final Self self;
  private final ZabConfig config;
  private final Map<Long, Vote> received = new TreeMap<>();
  private final Map<Long, Vote> outOfElection = new TreeMap<>();
  private long round;
  private long initialZxid;
  private long initialEpoch;
  private long proposedLeader;
  private long proposedZxid;
  private long proposedEpoch;
  private int interval;
  private int quietTicks;

  /** Ticks left before the candidate is elected; -1 while no quorum agrees. */
  private int finalizing = -1;

  Election(Self self) {
    this.self = self;
    this.config = self.config;
  }

  long round() {
    return round;
  }

  /** The vote this server currently proposes, cast in this round. */
  Vote proposal() {
    return new Vote(proposedLeader, proposedZxid, round, proposedEpoch, PeerState.LOOKING);
  }

  /** Starts a new round, as a server whose log ends at {@code lastLogged} in {@code epoch}. */
  Decision begin(long lastLogged, long currentEpoch, Outbox out) {
    boolean voter = self.membership().isVoter(config.myId());
    round++;
    received.clear();
    outOfElection.clear();
    initialZxid = voter ? lastLogged : Long.MIN_VALUE;
    initialEpoch = voter ? currentEpoch : Long.MIN_VALUE;
    propose(voter ? config.myId() : Long.MIN_VALUE, initialZxid, initialEpoch);
    interval = config.minNotificationInterval();
    quietTicks = 0;
    finalizing = -1;
    return sendNotifications(out);
  }

  /** A notification from {@code from}; returns the decision if the round is over. */
  Decision receive(long from, Notification n, Outbox out) {
    quietTicks = 0;
    if (!self.membership().isVoter(from) || !self.membership().isVoter(n.leader())) {
      return null;
    }
    if (finalizing >= 0) {
      if (!Vote.beats(
          n.leader(), n.zxid(), n.peerEpoch(), proposedLeader, proposedZxid, proposedEpoch)) {
        // Apache's finalize loop drops what does not change its mind and waits again.
        finalizing = config.finalizeWait();
        return null;
      }
      finalizing = -1;
    }
    return switch (n.state()) {
      case LOOKING -> lookingNotification(from, n, out);
      case OBSERVING -> null;
      case FOLLOWING, LEADING -> establishedNotification(from, n);
    };
  }

  /** A tick while looking; returns the decision if the round is over. */
  Decision tick(Outbox out) {
    if (finalizing > 0 && --finalizing == 0) {
      return decide(proposal());
    }
    if (++quietTicks >= interval) {
      quietTicks = 0;
      interval = Math.min(interval * 2, config.maxNotificationInterval());
      return sendNotifications(out);
    }
    return null;
  }

  private Decision lookingNotification(long from, Notification n, Outbox out) {
    if (n.zxid() == -1) {
      return null;
    }
    if (n.electionEpoch() > round) {
      round = n.electionEpoch();
      received.clear();
      if (Vote.beats(
          n.leader(), n.zxid(), n.peerEpoch(), initialLeader(), initialZxid, initialEpoch)) {
        propose(n.leader(), n.zxid(), n.peerEpoch());
      } else {
        propose(initialLeader(), initialZxid, initialEpoch);
      }
      Decision decided = sendNotifications(out);
      if (decided != null) {
        return decided;
      }
    } else if (n.electionEpoch() < round) {
      return null;
    } else if (Vote.beats(
        n.leader(), n.zxid(), n.peerEpoch(), proposedLeader, proposedZxid, proposedEpoch)) {
      propose(n.leader(), n.zxid(), n.peerEpoch());
      Decision decided = sendNotifications(out);
      if (decided != null) {
        return decided;
      }
    }
    received.put(
        from, new Vote(n.leader(), n.zxid(), n.electionEpoch(), n.peerEpoch(), PeerState.LOOKING));
    return checkQuorum();
  }

  private Decision establishedNotification(long from, Notification n) {
    Vote vote = n.vote();
    if (n.electionEpoch() == round) {
      received.put(from, vote);
      if (tallies(received, vote) && leaderConfirmed(received, n.leader(), n.electionEpoch())) {
        return decide(vote);
      }
    }
    // Joining an established ensemble: a quorum must follow the same leader (ZOOKEEPER-1732).
    outOfElection.put(from, vote);
    if ((tallies(outOfElection, vote) || talliesAsJoiner(n, vote))
        && leaderConfirmed(outOfElection, n.leader(), n.electionEpoch())) {
      round = n.electionEpoch();
      return decide(vote);
    }
    return null;
  }

  /** Apache's checkLeader: the leader must itself say it leads, or be us in this very round. */
  private boolean leaderConfirmed(Map<Long, Vote> votes, long leader, long electionEpoch) {
    if (leader != config.myId()) {
      Vote leaderVote = votes.get(leader);
      return leaderVote != null && leaderVote.state() == PeerState.LEADING;
    }
    return round == electionEpoch;
  }

  /**
   * A server that the configuration the established servers run (carried in their notifications)
   * does not count as a voter is joining them: a quorum of that configuration decides, as an Apache
   * server adopts a newer configuration it hears of. Without this a server added to a one-voter
   * ensemble could never join: its own configuration wants two voters, and only one answers.
   */
  private boolean talliesAsJoiner(Notification n, Vote vote) {
    if (n.config() == null || n.config().isEmpty()) {
      return false;
    }
    Membership theirs;
    try {
      theirs = Membership.parse(n.config());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return !theirs.isVoter(config.myId())
        && theirs.isQuorum(
            outOfElection.entrySet().stream()
                .filter(e -> vote.sameAs(e.getValue()))
                .map(Map.Entry::getKey)
                .toList());
  }

  private boolean tallies(Map<Long, Vote> votes, Vote vote) {
    return self.membership()
        .isQuorum(
            votes.entrySet().stream()
                .filter(e -> vote.sameAs(e.getValue()))
                .map(Map.Entry::getKey)
                .toList());
  }

  private Decision checkQuorum() {
    if (finalizing < 0 && tallies(received, proposal())) {
      finalizing = config.finalizeWait();
      if (finalizing == 0) {
        return decide(proposal());
      }
    }
    return null;
  }

  /** Sends this server's vote to every voter; its own copy is counted at once. */
  private Decision sendNotifications(Outbox out) {
    Notification n =
        new Notification(
            PeerState.LOOKING,
            proposedLeader,
            proposedZxid,
            round,
            proposedEpoch,
            Notification.VERSION,
            self.membership().text());
    for (long voter : self.membership().voters()) {
      if (voter != config.myId()) {
        out.add(new Effect.SendNotification(voter, n));
      }
    }
    if (self.membership().isVoter(config.myId())) {
      received.put(config.myId(), proposal());
      return checkQuorum();
    }
    return null;
  }

  private Decision decide(Vote vote) {
    PeerState state;
    if (vote.leader() == config.myId()) {
      state = PeerState.LEADING;
    } else {
      // A server outside the configuration follows as the learner it started as (Apache's
      // learnerType).
      state = self.isObserver() ? PeerState.OBSERVING : PeerState.FOLLOWING;
    }
    return new Decision(
        new Vote(vote.leader(), vote.zxid(), round, vote.peerEpoch(), state), state);
  }

  private long initialLeader() {
    return self.membership().isVoter(config.myId()) ? config.myId() : Long.MIN_VALUE;
  }

  private void propose(long leader, long zxid, long epoch) {
    proposedLeader = leader;
    proposedZxid = zxid;
    proposedEpoch = epoch;
  }
}

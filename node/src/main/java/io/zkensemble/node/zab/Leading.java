package io.zkensemble.node.zab;

import io.zkensemble.node.zab.LearnerLink.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The leader, as Apache's Leader and LearnerHandler, for one epoch.
 *
 * <ol>
 *   <li>Discovery: learners connect and tell their accepted epoch; once a quorum (with the leader)
 *       has, the new epoch is one above the highest, persisted as accepted and sent as LEADERINFO.
 *   <li>Once a quorum acknowledged it (ACKEPOCH, with its last zxid), the epoch becomes current and
 *       each learner is synced: DIFF with the transactions it lacks, TRUNC of what the leader does
 *       not have, or SNAP; then NEWLEADER.
 *   <li>Once a quorum (with the leader, whose own log must be durable) acknowledged NEWLEADER, the
 *       leader's whole history is committed: it serves, and answers UPTODATE.
 *   <li>Broadcast: a proposal is logged and sent to the followers; once a quorum has it durable
 *       (the leader's own acknowledgement waits for its log), it is committed in zxid order,
 *       delivered, and COMMIT (INFORM to observers) goes out.
 *   <li>Reconfig (one at a time, as Apache's ReconfigInProgress demands): from the reconfig
 *       proposal on, a proposal commits only once a quorum of the configuration in force and a
 *       quorum of the proposed one hold it. Its commit activates the new configuration and goes out
 *       as COMMITANDACTIVATE (INFORMANDACTIVATE to observers) with the designated leader: this
 *       server if it votes in the new configuration, else the new voter that acknowledged the most
 *       of what follows, and this server steps down. Servers outside the configuration may follow
 *       (Apache's non-voting followers): that is how a joiner syncs before it is added.
 *   <li>A reconfig found in the log beyond the configuration in force (a crash came before its
 *       activation) is completed at establishment: NEWLEADER carries it and needs a quorum of both
 *       configurations, and it is activated once the leader serves.
 *   <li>The leader steps down when a phase does not complete within initLimit ticks, or when a
 *       quorum has not been heard from within syncLimit ticks.
 * </ol>
 */
final class Leading {
  private enum Phase {
    DISCOVERY,
    EPOCH_ACKS,
    SYNC,
    BROADCAST
  }

  private final Self self;
  private final ZabConfig config;
  private final History history;
  private final Map<Long, LearnerLink> links = new TreeMap<>();
  private final Set<Long> connecting = new TreeSet<>();
  private final Set<Long> epochAcks = new TreeSet<>();
  private final Set<Long> newLeaderAcks = new TreeSet<>();
  private final TreeMap<Long, Set<Long>> outstanding = new TreeMap<>();
  private final ArrayDeque<long[]> pendingSyncs = new ArrayDeque<>();
  private final long summaryEpoch;
  private final long summaryZxid;
  private Phase phase = Phase.DISCOVERY;
  private long epoch = -1;
  private long deadline;
  private long lastProposed;
  private long lastCommitted;
  private long selfAcked;
  private boolean selfJoined;
  private long nextPing;
  private String ended;

  /**
   * The configuration proposed and not yet activated, and the zxid of its reconfig; or null, -1.
   */
  private Membership proposed;

  private long reconfigZxid = -1;

  /** The voter the next reconfig designates to lead in this server's place, or -1. */
  private long transferTo = -1;

  Leading(Self self) {
    this.self = self;
    this.config = self.config;
    this.history = self.history;
    // The leader's state holds its whole log, as Apache's leader loads it.
    history.replayAll(self.out);
    this.summaryEpoch = self.currentEpoch();
    this.summaryZxid = history.lastLogged();
    this.deadline = self.now() + config.initLimit();
    for (Entry entry : history.after(self.membership().version())) {
      Membership membership = Reconfig.membershipOf(entry);
      if (membership != null && membership.version() > self.membership().version()) {
        proposed = membership;
        reconfigZxid = entry.zxid();
      }
    }
    joinOwnQuorumOnceDurable();
  }

  /**
   * The leader takes part in its own epoch agreement only once its log is durable: otherwise it
   * could take the new epoch as current, crash, and come back with that epoch but without the end
   * of its log, which elections would then prefer (the leader's side of ZOOKEEPER-4785).
   */
  private void joinOwnQuorumOnceDurable() {
    if (!selfJoined && history.allDurable()) {
      selfJoined = true;
      proposeEpoch(self.myId(), self.acceptedEpoch());
    }
  }

  /** Why the leader stepped down, or null while it leads. */
  String ended() {
    return ended;
  }

  long epoch() {
    return epoch;
  }

  boolean serving() {
    return phase == Phase.BROADCAST && ended == null;
  }

  void transferTo(long to) {
    transferTo = to;
  }

  /** Whether a reconfig may be proposed: none is in progress (Apache's ReconfigInProgress). */
  boolean canReconfig() {
    return proposed == null;
  }

  /**
   * The configuration in force and the servers that follow, up to date: Apache's isQuorumSynced.
   */
  List<Long> syncedFollowers() {
    List<Long> synced = new ArrayList<>();
    synced.add(self.myId());
    for (LearnerLink link : links.values()) {
      if (link.isFollower() && link.phase == LearnerLink.Phase.BROADCAST) {
        synced.add(link.sid);
      }
    }
    return synced;
  }

  boolean canPropose() {
    return serving()
        && outstanding.size() < config.maxOutstandingProposals()
        && Zxid.counter(lastProposed) < 0xffffffffL - 1;
  }

  long nextZxid() {
    return lastProposed + 1;
  }

  long lastCommitted() {
    return lastCommitted;
  }

  void connected(long conn) {
    links.put(conn, new LearnerLink(conn, self.now()));
  }

  void disconnected(long conn) {
    LearnerLink link = links.remove(conn);
    if (link != null) {
      forgetTransferTo(link.sid);
    }
  }

  /** A transfer's target that is gone is no longer waited for: this server leads on. */
  private void forgetTransferTo(long sid) {
    if (sid == transferTo) {
      transferTo = -1;
      if (phase == Phase.BROADCAST) {
        commitReady();
      }
    }
  }

  void received(long conn, Message message) {
    LearnerLink link = links.get(conn);
    if (link == null) {
      return;
    }
    link.lastHeard = self.now();
    switch (link.phase) {
      case AWAIT_INFO -> learnerInfo(link, message);
      case AWAIT_ACKEPOCH -> ackEpoch(link, message);
      case AWAIT_NEWLEADER_ACK -> newLeaderAck(link, message);
      case AWAIT_EPOCH, AWAIT_SYNC -> drop(link, "sent " + message + " before its turn");
      case AWAIT_STARTUP, BROADCAST -> broadcastMessage(link, message);
    }
  }

  void tick() {
    long now = self.now();
    if (phase != Phase.BROADCAST && now >= deadline) {
      end("no quorum within initLimit in " + phase);
      return;
    }
    for (LearnerLink link : new ArrayList<>(links.values())) {
      long silence =
          link.phase == LearnerLink.Phase.BROADCAST ? config.syncLimit() : config.initLimit();
      if (now - link.lastHeard > silence) {
        drop(link, "silent for " + (now - link.lastHeard) + " ticks");
      } else if (!link.unacked.isEmpty()
          && now - link.unacked.peekFirst()[1] > config.syncLimit()) {
        drop(link, "no ACK of " + Zxid.hex(link.unacked.peekFirst()[0]) + " within syncLimit");
      }
    }
    if (phase != Phase.BROADCAST) {
      return;
    }
    List<Long> heard = new ArrayList<>();
    heard.add(self.myId());
    for (LearnerLink link : links.values()) {
      if (link.isFollower() && now - link.lastHeard <= config.syncLimit()) {
        heard.add(link.sid);
      }
    }
    if (!self.membership().isQuorum(heard)) {
      end("a quorum was not heard from within syncLimit, only " + heard);
      return;
    }
    if (now >= nextPing) {
      nextPing = now + config.pingInterval();
      for (LearnerLink link : links.values()) {
        if (link.synced()) {
          self.send(link.sid, link.conn, new Message.Ping(lastProposed, new byte[0]));
        }
      }
    }
  }

  /** Storage caught up: the leader may acknowledge NEWLEADER or its proposals itself. */
  void persisted() {
    if (phase == Phase.DISCOVERY) {
      joinOwnQuorumOnceDurable();
    }
    if (phase == Phase.SYNC && history.allDurable()) {
      countNewLeaderAck(self.myId());
    }
    if (phase == Phase.BROADCAST) {
      for (long zxid : outstanding.keySet()) {
        if (zxid <= selfAcked) {
          continue;
        }
        if (!history.isDurable(zxid)) {
          break;
        }
        selfAcked = zxid;
        outstanding.get(zxid).add(self.myId());
      }
      commitReady();
    }
  }

  void propose(Entry entry) {
    Self.check(canPropose(), "cannot propose now");
    Self.check(
        entry.zxid() == nextZxid(),
        "proposal " + Zxid.hex(entry.zxid()) + " is not the next zxid " + Zxid.hex(nextZxid()));
    Membership next = Reconfig.membershipOf(entry);
    if (next != null) {
      Self.check(proposed == null, "a reconfig is already in progress");
      Self.check(
          next.version() == entry.zxid(), "a configuration's version is its reconfig's zxid");
      proposed = next;
      reconfigZxid = entry.zxid();
    }
    history.append(entry, self.out);
    lastProposed = entry.zxid();
    outstanding.put(entry.zxid(), new TreeSet<>());
    for (LearnerLink link : links.values()) {
      if (link.forwarding && !link.observer) {
        sendProposal(link, entry);
      }
    }
  }

  /** SYNC for {@code learner} once everything proposed so far is committed. */
  void syncLearner(long learner) {
    if (outstanding.isEmpty()) {
      sendSync(learner);
    } else {
      pendingSyncs.add(new long[] {lastProposed, learner});
    }
  }

  private void learnerInfo(LearnerLink link, Message message) {
    if (!(message instanceof Message.LearnerInfo info)) {
      drop(link, "first message " + message + " is not FOLLOWERINFO or OBSERVERINFO");
      return;
    }
    if (info.configVersion() > self.membership().version()) {
      drop(link, "learner " + info.sid() + " has a later configuration");
      return;
    }
    for (LearnerLink other : new ArrayList<>(links.values())) {
      if (other != link && other.sid == info.sid()) {
        drop(other, "replaced by a new connection from the same server");
      }
    }
    link.sid = info.sid();
    link.observer = info.observer();
    // What this learner acknowledged before may be truncated by its sync: it counts no more.
    for (Set<Long> acks : outstanding.values()) {
      acks.remove(link.sid);
    }
    link.acceptedEpoch = info.acceptedEpoch();
    if (phase == Phase.DISCOVERY) {
      link.phase = LearnerLink.Phase.AWAIT_EPOCH;
      proposeEpoch(link.sid, link.acceptedEpoch);
    } else if (link.acceptedEpoch > epoch) {
      // It accepted a later epoch (from a leader that never got established) and can never
      // follow this one; Apache leaves it out for as long as this leader lasts. A new election
      // picks an epoch above it.
      end(
          "learner "
              + link.sid
              + " has accepted epoch "
              + link.acceptedEpoch
              + ", not below ours "
              + epoch);
    } else {
      sendLeaderInfo(link);
    }
  }

  /** Apache's getEpochToPropose: one above every accepted epoch heard of, once a quorum spoke. */
  private void proposeEpoch(long sid, long acceptedEpoch) {
    if (acceptedEpoch >= epoch) {
      epoch = acceptedEpoch + 1;
    }
    if (self.membership().isVoter(sid)) {
      connecting.add(sid);
    }
    if (connecting.contains(self.myId()) && self.membership().isQuorum(connecting)) {
      phase = Phase.EPOCH_ACKS;
      deadline = self.now() + config.initLimit();
      self.acceptEpoch(epoch);
      for (LearnerLink link : links.values()) {
        if (link.phase == LearnerLink.Phase.AWAIT_EPOCH) {
          sendLeaderInfo(link);
        }
      }
      countEpochAck(self.myId());
    }
  }

  private void sendLeaderInfo(LearnerLink link) {
    link.phase = LearnerLink.Phase.AWAIT_ACKEPOCH;
    self.send(link.sid, link.conn, new Message.LeaderInfo(epoch));
  }

  private void ackEpoch(LearnerLink link, Message message) {
    if (!(message instanceof Message.AckEpoch ack)) {
      drop(link, message + " instead of ACKEPOCH");
      return;
    }
    link.lastLoggedZxid = ack.lastLoggedZxid();
    if (phase == Phase.EPOCH_ACKS && ack.currentEpoch() != -1) {
      boolean ahead =
          ack.currentEpoch() > summaryEpoch
              || (ack.currentEpoch() == summaryEpoch && ack.lastLoggedZxid() > summaryZxid);
      if (ahead) {
        drop(link, "learner " + link.sid + " is ahead of the leader");
        return;
      }
      // Apache leaves out learners reporting no last zxid; ours report -1 only to ask for a
      // SNAP, and still acknowledge the epoch.
      if (link.isFollower()) {
        countEpochAck(link.sid);
      }
    }
    if (phase == Phase.EPOCH_ACKS) {
      link.phase = LearnerLink.Phase.AWAIT_SYNC;
    } else if (ended == null) {
      sync(link);
    }
  }

  private void countEpochAck(long sid) {
    epochAcks.add(sid);
    if (phase == Phase.EPOCH_ACKS
        && epochAcks.contains(self.myId())
        && self.membership().isQuorum(epochAcks)) {
      phase = Phase.SYNC;
      deadline = self.now() + config.initLimit();
      self.makeEpochCurrent(epoch);
      lastProposed = Zxid.make(epoch, 0);
      lastCommitted = history.lastLogged();
      for (LearnerLink link : links.values()) {
        if (link.phase == LearnerLink.Phase.AWAIT_SYNC) {
          sync(link);
        }
      }
      persisted();
    }
  }

  /**
   * Apache's LearnerHandler.syncFollower and Leader.startForwarding: brings the learner to the
   * leader's history, registers it for what comes next, then sends NEWLEADER.
   *
   * <ol>
   *   <li>A learner at the leader's state gets an empty DIFF.
   *   <li>A learner with transactions beyond the last committed one gets TRUNC to it: its state may
   *       hold them (restart replays the whole log), so they go, and the leader's outstanding
   *       proposals come again.
   *   <li>A learner whose last zxid is in the window gets DIFF and what follows, or TRUNC to the
   *       last common committed zxid where its log diverged (never across an epoch).
   *   <li>Otherwise SNAP of the leader's state, then its outstanding proposals.
   * </ol>
   */
  private void sync(LearnerLink link) {
    long peer = link.lastLoggedZxid;
    List<Entry> log = history.all();
    long oldest = log.isEmpty() ? history.lastLogged() : log.get(0).zxid();
    boolean peerAtEpochStart = Zxid.isEpochStart(peer);
    long queued;
    if (peer == history.applied()) {
      queued = diffFrom(link, peer);
    } else if (peer > lastCommitted && !peerAtEpochStart) {
      self.send(link.sid, link.conn, new Message.Trunc(lastCommitted));
      queued = sendFrom(link, lastCommitted);
    } else if (peer >= oldest) {
      queued = diffOrTrunc(link, log, peer);
    } else {
      queued = -1;
    }
    if (queued < 0) {
      long snapshotZxid = history.applied();
      self.out.add(new Effect.SendSnapshot(link.sid, link.conn, snapshotZxid));
      sendFrom(link, snapshotZxid);
    }
    link.forwarding = true;
    link.phase = LearnerLink.Phase.AWAIT_NEWLEADER_ACK;
    self.send(
        link.sid, link.conn, new Message.NewLeader(Zxid.make(epoch, 0), latestMembership().text()));
  }

  /** The learner's last zxid is within the window: DIFF, or TRUNC where its log diverged. */
  private long diffOrTrunc(LearnerLink link, List<Entry> log, long peer) {
    long previous = -1;
    for (Entry entry : log) {
      long zxid = entry.zxid();
      if (zxid < peer) {
        previous = zxid;
        continue;
      }
      if (zxid == peer || Zxid.isEpochStart(peer)) {
        return diffFrom(link, peer);
      }
      // The learner has a transaction the leader lacks, and the leader has later ones.
      if (Zxid.epoch(zxid) != Zxid.epoch(peer) || previous > lastCommitted || previous < 0) {
        return -1;
      }
      self.send(link.sid, link.conn, new Message.Trunc(previous));
      return sendFrom(link, previous);
    }
    return Zxid.isEpochStart(peer) ? diffFrom(link, peer) : -1;
  }

  /** DIFF: the learner keeps its log up to {@code peer}; the rest follows. */
  private long diffFrom(LearnerLink link, long peer) {
    self.send(link.sid, link.conn, new Message.Diff(lastCommitted));
    return sendFrom(link, peer);
  }

  /**
   * Sends the logged transactions after {@code zxid}: committed ones as PROPOSAL and COMMIT,
   * outstanding ones as PROPOSAL (not to observers, which get INFORM once they commit).
   */
  private long sendFrom(LearnerLink link, long zxid) {
    long queued = zxid;
    for (Entry entry : history.after(zxid)) {
      if (entry.zxid() <= lastCommitted) {
        self.send(link.sid, link.conn, new Message.Proposal(entry));
        self.send(link.sid, link.conn, new Message.Commit(entry.zxid()));
      } else if (!link.observer) {
        sendProposal(link, entry);
      } else {
        break;
      }
      queued = entry.zxid();
    }
    return queued;
  }

  private void newLeaderAck(LearnerLink link, Message message) {
    if (!(message instanceof Message.Ack ack)) {
      drop(link, message + " instead of the ACK of NEWLEADER");
      return;
    }
    link.phase = LearnerLink.Phase.AWAIT_STARTUP;
    if (ack.zxid() == Zxid.make(epoch, 0)) {
      countNewLeaderAck(link.sid);
    }
    if (phase == Phase.BROADCAST) {
      upToDate(link);
    }
  }

  private void countNewLeaderAck(long sid) {
    if (phase != Phase.SYNC) {
      return;
    }
    newLeaderAcks.add(sid);
    if (newLeaderAcks.contains(self.myId()) && holdsAllQuorums(Long.MAX_VALUE, newLeaderAcks)) {
      establish();
    }
  }

  /** The configuration the leader works towards: the proposed one, else the one in force. */
  private Membership latestMembership() {
    return proposed != null ? proposed : self.membership();
  }

  /**
   * Whether {@code acks} of zxid may commit it: a quorum of the configuration in force, and from a
   * pending reconfig on a quorum of the proposed configuration too.
   */
  private boolean holdsAllQuorums(long zxid, Set<Long> acks) {
    return self.membership().isQuorum(acks)
        && (proposed == null || zxid < reconfigZxid || proposed.isQuorum(acks))
        // A transfer's reconfig waits for its target, which must hold all it will lead with.
        && (zxid != reconfigZxid || transferTo == -1 || acks.contains(transferTo));
  }

  /** A quorum holds the leader's history: it is committed, and the leader serves. */
  private void establish() {
    phase = Phase.BROADCAST;
    lastCommitted = history.lastLogged();
    selfAcked = lastCommitted;
    nextPing = self.now();
    self.out.add(new Effect.Serving(epoch, lastCommitted));
    for (LearnerLink link : links.values()) {
      if (link.phase == LearnerLink.Phase.AWAIT_STARTUP) {
        upToDate(link);
      }
    }
    if (proposed != null) {
      // Learners take it from NEWLEADER when UPTODATE comes, as Apache's do.
      Membership next = proposed;
      proposed = null;
      reconfigZxid = -1;
      self.activate(next);
      if (!next.isVoter(self.myId())) {
        end("server " + self.myId() + " does not vote in configuration " + hexVersion(next));
      }
    }
  }

  private static String hexVersion(Membership membership) {
    return Long.toHexString(membership.version());
  }

  private void upToDate(LearnerLink link) {
    link.phase = LearnerLink.Phase.BROADCAST;
    self.send(link.sid, link.conn, new Message.UpToDate());
  }

  private void broadcastMessage(LearnerLink link, Message message) {
    switch (message) {
      case Message.Ack ack -> {
        link.acked(ack.zxid());
        acknowledge(link, ack.zxid());
      }
      case Message.Ping ping -> self.out.add(new Effect.LearnerPing(link.sid, ping.data()));
      case Message.Request request ->
          self.out.add(new Effect.LearnerRequest(link.sid, request.data()));
      default -> drop(link, "unexpected " + message);
    }
  }

  private void acknowledge(LearnerLink link, long zxid) {
    if (phase != Phase.BROADCAST || Zxid.isEpochStart(zxid) || zxid <= lastCommitted) {
      return;
    }
    Set<Long> acks = outstanding.get(zxid);
    if (acks != null && link.isFollower()) {
      acks.add(link.sid);
      commitReady();
    }
  }

  /** Commits, in zxid order, every proposal a quorum holds. */
  private void commitReady() {
    while (ended == null
        && !outstanding.isEmpty()
        && holdsAllQuorums(outstanding.firstKey(), outstanding.firstEntry().getValue())) {
      Map.Entry<Long, Set<Long>> first = outstanding.pollFirstEntry();
      long zxid = first.getKey();
      lastCommitted = zxid;
      history.deliverThrough(zxid, self.out);
      Entry entry = history.entry(zxid);
      if (zxid == reconfigZxid) {
        activate(entry, first.getValue());
      } else {
        for (LearnerLink link : links.values()) {
          if (link.forwarding) {
            self.send(
                link.sid,
                link.conn,
                link.observer ? new Message.Inform(entry) : new Message.Commit(zxid));
          }
        }
      }
      while (!pendingSyncs.isEmpty() && pendingSyncs.peekFirst()[0] <= zxid) {
        sendSync(pendingSyncs.removeFirst()[1]);
      }
    }
    history.trim(lastCommitted);
  }

  /**
   * The reconfig {@code entry} is committed: its configuration is in force. Apache's
   * Leader.tryToCommit with getDesignatedLeader: this server leads on if it votes in it; otherwise
   * the new voter that acknowledged the reconfig and the longest run of proposals after it does,
   * and this server stops committing and steps down, after COMMITANDACTIVATE has gone out.
   */
  private void activate(Entry entry, Set<Long> acks) {
    Membership next = proposed;
    proposed = null;
    reconfigZxid = -1;
    long designated = designatedLeader(next, acks);
    self.activate(next);
    for (LearnerLink link : links.values()) {
      if (link.forwarding) {
        self.send(
            link.sid,
            link.conn,
            link.observer
                ? new Message.InformAndActivate(entry, designated)
                : new Message.CommitAndActivate(entry.zxid(), designated));
      }
    }
    if (designated != self.myId()) {
      end("configuration " + hexVersion(next) + " is led by server " + designated);
    }
  }

  private long designatedLeader(Membership next, Set<Long> reconfigAcks) {
    if (transferTo != -1 && next.isVoter(transferTo) && reconfigAcks.contains(transferTo)) {
      return transferTo;
    }
    if (next.isVoter(self.myId())) {
      return self.myId();
    }
    Set<Long> candidates = new TreeSet<>(reconfigAcks);
    candidates.retainAll(next.voters());
    long best = candidates.iterator().next();
    for (Set<Long> acks : outstanding.values()) {
      candidates.retainAll(acks);
      if (candidates.isEmpty()) {
        break;
      }
      best = candidates.iterator().next();
    }
    return best;
  }

  private void sendProposal(LearnerLink link, Entry entry) {
    self.send(link.sid, link.conn, new Message.Proposal(entry));
    link.unacked.add(new long[] {entry.zxid(), self.now()});
  }

  private void sendSync(long learner) {
    for (LearnerLink link : links.values()) {
      if (link.sid == learner && link.phase == LearnerLink.Phase.BROADCAST) {
        self.send(link.sid, link.conn, new Message.Sync());
        return;
      }
    }
  }

  private void drop(LearnerLink link, String reason) {
    links.remove(link.conn);
    self.out.add(new Effect.Disconnect(link.sid, link.conn, reason));
    forgetTransferTo(link.sid);
  }

  /** Steps down: every learner is let go. */
  void end(String reason) {
    if (ended != null) {
      return;
    }
    ended = reason;
    for (LearnerLink link : links.values()) {
      self.out.add(new Effect.Disconnect(link.sid, link.conn, "the leader steps down: " + reason));
    }
    links.clear();
  }

  /**
   * Learners connected with their LearnerInfo in, and those of them synced ({@code synced}: sent
   * their sync, as Apache counts its forwarding followers), voters or observers.
   */
  Map<Long, Integer> followerLag() {
    Map<Long, Integer> lag = new TreeMap<>();
    for (LearnerLink link : links.values()) {
      if (link.isFollower() && link.synced()) {
        lag.put(link.sid, link.unacked.size());
      }
    }
    return lag;
  }

  int learners(boolean observers, boolean synced) {
    int count = 0;
    for (LearnerLink link : links.values()) {
      if (link.sid >= 0 && link.observer == observers && (!synced || link.synced())) {
        count++;
      }
    }
    return count;
  }
}

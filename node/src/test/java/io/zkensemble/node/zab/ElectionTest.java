package io.zkensemble.node.zab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Fast leader election: the vote order, and rounds played message by message. */
class ElectionTest {
  private static final List<Long> VOTERS = List.of(1L, 2L, 3L);

  /**
   * ZOOKEEPER-1419: the vote order must be total, or servers trade votes forever. Over random votes
   * (with many ties, as in real ensembles) it is irreflexive, antisymmetric, transitive and total
   * between different servers.
   */
  @Test
  void theVoteOrderIsAStrictTotalOrder() {
    Random random = new Random(1419);
    List<long[]> votes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      votes.add(new long[] {1 + random.nextInt(5), random.nextInt(3), random.nextInt(3)});
    }
    for (long[] a : votes) {
      assertFalse(beats(a, a), "irreflexive");
      for (long[] b : votes) {
        if (beats(a, b)) {
          assertFalse(beats(b, a), "antisymmetric");
        } else if (a[0] != b[0]) {
          assertTrue(beats(b, a) || (a[1] == b[1] && a[2] == b[2] && a[0] == b[0]), "total");
        }
        for (long[] c : votes) {
          if (beats(a, b) && beats(b, c)) {
            assertTrue(beats(a, c), "transitive");
          }
        }
      }
    }
  }

  /** {leader, zxid, peerEpoch} */
  private static boolean beats(long[] a, long[] b) {
    return Vote.beats(a[0], a[1], a[2], b[0], b[1], b[2]);
  }

  /**
   * ZOOKEEPER-1419's schedule: every log empty, B took epoch 1 as current, C only accepted it, A
   * did neither. A hears C's vote X = (C, 0, epoch 0), then B's Y = (B, 0, epoch 1), then X again:
   * Apache 3.4.3 went back to X, and round after round never settled. A's proposal only ever moves
   * up the order, and everyone elects B.
   */
  @Test
  void anElectionWithEqualZxidsAndDifferentEpochsSettles() {
    Ensemble ensemble =
        new Ensemble(
            Map.of(
                1L, new DurableState(0, 0, 0, 0, List.of()),
                2L, new DurableState(1, 1, 0, 0, List.of()),
                3L, new DurableState(1, 0, 0, 0, List.of())));
    Notification x = ensemble.lastSent(3, 1);
    Notification y = ensemble.lastSent(2, 1);
    assertEquals(3, x.leader());
    assertEquals(2, y.leader());
    ensemble.deliver(3, 1, x);
    assertEquals(3, ensemble.proposalOf(1).leader(), "A adopts X, which beats its own vote");
    ensemble.deliver(2, 1, y);
    assertEquals(2, ensemble.proposalOf(1).leader(), "A adopts Y, of the higher epoch");
    ensemble.deliver(3, 1, x);
    assertEquals(2, ensemble.proposalOf(1).leader(), "A never goes back to X");
    ensemble.runUntilDecided();
    for (long id : VOTERS) {
      assertEquals(2, ensemble.peer(id).leader(), "server " + id + " follows B");
    }
    assertEquals(PeerState.LEADING, ensemble.peer(2).state());
  }

  /** A server joining an ensemble that already has a leader follows it, once a quorum says so. */
  @Test
  void aLateServerJoinsTheEstablishedLeader() {
    Ensemble ensemble =
        new Ensemble(
            Map.of(
                1L, DurableState.empty(),
                2L, DurableState.empty(),
                3L, new DurableState(5, 5, Zxid.make(5, 9), 0, List.of())));
    ensemble.isolate(3);
    ensemble.runUntilDecided(1, 2);
    long leader = ensemble.peer(1).leader();
    ensemble.heal();
    ensemble.runUntilDecided();
    assertEquals(PeerState.FOLLOWING, ensemble.peer(3).state());
    assertEquals(leader, ensemble.peer(3).leader(), "it follows the leader already elected");
    assertNotEquals(3, leader);
  }

  /**
   * A wiped server B restarts beside A, a follower that was restarted earlier: A's last LOOKING
   * vote, resent as the election connection comes up (QuorumCnxManager does), beats B's empty log,
   * and with B's own vote it makes a quorum, so B elects A, which does not lead. Like Apache's
   * Learner.connectToLeader, B gives up on A after 5 refused or closed connections and looks again,
   * instead of retrying for initLimit (EnsembleCrashIT saw 20 s).
   */
  @Test
  void aServerElectedFromAStaleVoteIsGivenUpAfterFiveConnectionAttempts() {
    for (boolean refused : new boolean[] {true, false}) {
      ZabConfig config = config(2);
      Peer wiped = new Peer(config, DurableState.empty());
      wiped.start();
      Notification stale =
          new Notification(
              PeerState.LOOKING, 1, Zxid.make(1, 40), 3, 1, Notification.VERSION, "test");
      List<Effect> effects = wiped.step(new Input.NotificationReceived(1, stale));
      for (int i = 0; i < 10 && wiped.state() == PeerState.LOOKING; i++) {
        effects = wiped.step(new Input.Tick());
      }
      assertEquals(PeerState.FOLLOWING, wiped.state(), "the stale vote wins the round");
      assertEquals(1, wiped.leader());
      for (int attempt = 1; attempt <= Learning.CONNECT_ATTEMPTS; attempt++) {
        assertTrue(
            effects.stream().anyMatch(e -> e instanceof Effect.Connect c && c.peer() == 1),
            "attempt " + attempt + " connects to server 1");
        assertEquals(PeerState.FOLLOWING, wiped.state(), "still trying at attempt " + attempt);
        if (refused) {
          wiped.step(new Input.ConnectFailed(1));
        } else {
          wiped.step(new Input.Connected(1, 100 + attempt));
          wiped.step(new Input.Disconnected(1, 100 + attempt));
        }
        effects = List.of();
        for (int tick = 0; tick < config.connectRetryInterval() && effects.isEmpty(); tick++) {
          effects = wiped.step(new Input.Tick());
        }
      }
      assertEquals(
          PeerState.LOOKING,
          wiped.state(),
          "looking again after " + Learning.CONNECT_ATTEMPTS + (refused ? " refusals" : " closes"));
    }
  }

  /** Server {@code id} of {@link #VOTERS}, with the simulator's timing in ticks. */
  private static ZabConfig config(long id) {
    String text = "server.1=h:1:2\nserver.2=h:1:2\nserver.3=h:1:2\nversion=0";
    return new ZabConfig(
        id, new Membership(VOTERS, List.of(), text, 0), 30, 15, 3, 3, 1, 2, 40, 50, 100);
  }

  /** Election notifications only, passed between Peers in an order the test can choose. */
  private static final class Ensemble {
    private record Sent(long from, long to, Notification notification) {}

    private final Map<Long, Peer> peers = new TreeMap<>();
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    private final Map<Long, Notification> lastSent = new TreeMap<>();
    private final List<Long> isolated = new ArrayList<>();

    Ensemble(Map<Long, DurableState> durable) {
      for (long id : VOTERS) {
        ZabConfig config = config(id);
        peers.put(id, new Peer(config, durable.get(id)));
      }
      for (Map.Entry<Long, Peer> entry : peers.entrySet()) {
        collect(entry.getKey(), entry.getValue().start());
      }
    }

    Peer peer(long id) {
      return peers.get(id);
    }

    /** The last notification {@code from} sent to {@code to}, taken out of the network. */
    Notification lastSent(long from, long to) {
      Sent found = null;
      for (Sent sent : inFlight) {
        if (sent.from == from && sent.to == to) {
          found = sent;
        }
      }
      inFlight.remove(found);
      return found.notification;
    }

    /** What {@code id} proposes: the leader of the notifications it sent last. */
    Notification proposalOf(long id) {
      return lastSent.get(id);
    }

    void deliver(long from, long to, Notification notification) {
      collect(to, peers.get(to).step(new Input.NotificationReceived(from, notification)));
    }

    void isolate(long id) {
      isolated.add(id);
    }

    void heal() {
      isolated.clear();
      for (Map.Entry<Long, Peer> entry : peers.entrySet()) {
        // A server LOOKING resends its vote after its notification timeout: tick it there.
        for (int i = 0; i < 40 && entry.getValue().state() == PeerState.LOOKING; i++) {
          collect(entry.getKey(), entry.getValue().step(new Input.Tick()));
        }
      }
    }

    void runUntilDecided(long... ids) {
      List<Long> watched = new ArrayList<>();
      for (long id : ids.length == 0 ? VOTERS.stream().mapToLong(Long::longValue).toArray() : ids) {
        watched.add(id);
      }
      for (int round = 0; round < 1000; round++) {
        if (watched.stream().allMatch(id -> peers.get(id).state() != PeerState.LOOKING)) {
          return;
        }
        Sent sent = inFlight.poll();
        if (sent != null) {
          if (!isolated.contains(sent.from) && !isolated.contains(sent.to)) {
            deliver(sent.from, sent.to, sent.notification);
          }
        } else {
          for (Map.Entry<Long, Peer> entry : peers.entrySet()) {
            if (!isolated.contains(entry.getKey())) {
              collect(entry.getKey(), entry.getValue().step(new Input.Tick()));
            }
          }
        }
      }
      throw new AssertionError("the election did not settle");
    }

    private void collect(long from, List<Effect> effects) {
      for (Effect effect : effects) {
        if (effect instanceof Effect.SendNotification send) {
          inFlight.add(new Sent(from, send.to(), send.notification()));
          if (send.notification().state() == PeerState.LOOKING) {
            lastSent.put(from, send.notification());
          }
        }
      }
    }
  }
}

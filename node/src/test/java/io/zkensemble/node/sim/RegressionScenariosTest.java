package io.zkensemble.node.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.zab.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Apache ZooKeeper's data-loss and election bugs, each replayed on the simulated ensemble with the
 * schedule that broke Apache; the checker (every committed transaction durable on a quorum, every
 * server a prefix of one committed sequence, acknowledged writes never lost) runs throughout, and
 * each test asserts the outcome the bug violated.
 */
class RegressionScenariosTest {

  /**
   * ZOOKEEPER-2355: a follower fails right after reading a proposal off the wire (never logging
   * it), the proposal commits without it, and the follower rejoins: it must end up with the
   * committed transaction, not keep the state from before it (Apache kept a closed session's
   * ephemeral node for good).
   */
  @Test
  void followerFailingOnAProposalConvergesWhenItRejoins() {
    Scripted ensemble = new Scripted(3, 0);
    SimServer leader = ensemble.awaitServing();
    ensemble.commit(1, 10);
    ensemble.commit(1, 11);
    long follower = otherThan(leader.id(), 0);
    ensemble.onReceive(follower, Message.Proposal.class, () -> ensemble.isolate(follower), false);
    long zxid = ensemble.commit(1, 12);
    assertTrue(ensemble.server(follower).state().appliedZxid() < zxid, "the follower missed it");
    ensemble.healAll();
    ensemble.runUntil("the follower catches up", ensemble::converged);
    assertEquals(12, ensemble.server(follower).state().get(1).value());
  }

  /** ZOOKEEPER-2355, variant: the follower logs the proposal, then crashes before acknowledging. */
  @Test
  void followerCrashingAfterLoggingAProposalConverges() {
    Scripted ensemble = new Scripted(3, 0);
    SimServer leader = ensemble.awaitServing();
    ensemble.commit(1, 10);
    long follower = otherThan(leader.id(), 0);
    ensemble.holdSyncs(follower);
    ensemble.onReceive(follower, Message.Proposal.class, () -> ensemble.crashSoon(follower), true);
    ensemble.commit(1, 11);
    ensemble.restart(follower);
    ensemble.runUntil("the follower catches up", ensemble::converged);
    assertEquals(11, ensemble.server(follower).state().get(1).value());
  }

  /**
   * ZOOKEEPER-3911: a follower synced by DIFF must not acknowledge NEWLEADER before the DIFF's
   * transactions are durable; otherwise the new leader counts a copy that a crash erases. While the
   * follower's fsyncs hang, the leader it is needed for does not establish; once they complete it
   * does, and a crash of that follower right then loses nothing.
   */
  @Test
  void followerAcksNewLeaderOnlyAfterTheDiffIsDurable() {
    Scripted ensemble = new Scripted(3, 0);
    SimServer first = ensemble.awaitServing();
    long stays = otherThan(first.id(), 0);
    long lags = otherThan(first.id(), 1);
    ensemble.crash(lags);
    for (int i = 0; i < 3; i++) {
      ensemble.commit(2, 20 + i);
    }
    ensemble.crash(first.id());
    ensemble.restart(lags);
    ensemble.holdSyncs(lags);
    ensemble.runTicks(20);
    assertFalse(
        ensemble.server(stays).serving(), "established on an ACK of NEWLEADER not yet durable");
    ensemble.releaseSyncs(lags);
    ensemble.runUntil("the new leader serves", () -> ensemble.server(stays).serving());
    ensemble.crash(lags);
    ensemble.restart(lags);
    ensemble.restart(first.id());
    ensemble.runUntil("everyone converges", ensemble::converged);
    assertEquals(22, ensemble.server(lags).state().get(2).value());
  }

  /**
   * ZOOKEEPER-4785: a follower must take the new epoch as current only after its log is durable.
   * Crashed while its DIFF hangs in the page cache, it comes back with the old epoch, so it cannot
   * win an election with the shorter log and truncate what the others committed.
   */
  @Test
  void followerTakesTheNewEpochOnlyAfterItsLogIsDurable() {
    Scripted ensemble = new Scripted(3, 0);
    SimServer first = ensemble.awaitServing();
    long stays = otherThan(first.id(), 0);
    long lags = otherThan(first.id(), 1);
    ensemble.crash(lags);
    for (int i = 0; i < 3; i++) {
      ensemble.commit(3, 30 + i);
    }
    long oldEpoch = ensemble.server(stays).peer().currentEpoch();
    ensemble.crash(first.id());
    ensemble.restart(lags);
    ensemble.holdSyncs(lags);
    ensemble.onReceive(lags, Message.NewLeader.class, () -> ensemble.crashSoon(lags), true);
    ensemble.runUntil(
        "the lagging follower got NEWLEADER and crashed", () -> !ensemble.server(lags).alive());
    ensemble.restart(lags);
    assertEquals(
        oldEpoch,
        ensemble.server(lags).peer().currentEpoch(),
        "epoch taken before the log was durable");
    ensemble.restart(first.id());
    ensemble.runUntil("everyone converges", ensemble::converged);
    assertEquals(32, ensemble.server(lags).state().get(3).value());
  }

  /**
   * ZOOKEEPER-4925: a server brought up to date by DIFF later leads and DIFFs a stale server; it
   * must send every committed transaction (Apache 3.9.3's sync cache had a hole and the stale
   * server silently missed /bar*). Five voters: with equal logs the highest id leads, so the server
   * that was synced by DIFF (id 4) leads after the first leader (id 5) stops.
   */
  @Test
  void aServerSyncedByDiffSendsEveryTransactionWhenItLeads() {
    Scripted ensemble = new Scripted(5, 0);
    SimServer leader = ensemble.awaitServing();
    assertEquals(5, leader.id());
    ensemble.crash(3);
    for (int i = 0; i < 10; i++) {
      ensemble.commit(4, 40 + i);
    }
    ensemble.crash(4);
    for (int i = 0; i < 10; i++) {
      ensemble.commit(5, 50 + i);
    }
    ensemble.restart(4);
    ensemble.runUntil("4 is synced", () -> ensemble.server(4).serving());
    ensemble.commit(6, 60);
    ensemble.crash(5);
    ensemble.runUntil("4 leads", () -> ensemble.leader() != null && ensemble.leader().id() == 4);
    ensemble.restart(3);
    ensemble.runUntil("3 catches up", ensemble::converged);
    assertEquals(59, ensemble.server(3).state().get(5).value());
    assertEquals(10, ensemble.server(3).state().get(5).version());
  }

  /** A voter other than {@code leader}: the first (index 0) or second (index 1) of them. */
  private static long otherThan(long leader, int index) {
    List<Long> others = List.of(1L, 2L, 3L).stream().filter(id -> id != leader).toList();
    assertNotEquals(leader, others.get(index));
    return others.get(index);
  }
}

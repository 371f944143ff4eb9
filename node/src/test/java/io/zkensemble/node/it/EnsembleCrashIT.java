package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tests of replicated ensembles: real node processes, real Apache clients, SIGKILL.
 *
 * <p>Under load (a follower; the leader; two of five participants at once; an observer and the
 * leader at once):
 *
 * <ol>
 *   <li>Print the seed. {@code -Densemble.seed=N} replays the draws (victims, kill moments, writes,
 *       wiped disks); where a kill lands among the writes depends on the machine's speed. {@code
 *       -Densemble.cycles=N} adds N rounds with random victims (a minority of the participants and
 *       any observers, each wiped or not) to every load run; none by default.
 *   <li>Start the ensemble (snapCount=200: logs roll and snapshots are taken all along;
 *       initLimit=5) and wait until every member serves.
 *   <li>One client session, connected to every server, writes steadily ({@link EnsembleLoad}),
 *       keeping each write's outcome: acknowledged with the zxid of its reply, or unknown.
 *   <li>Each round: once a random number of further writes were acknowledged, SIGKILL the round's
 *       victims at once (and wipe the data of those drawn for it); wait until a leader serves and
 *       writes sent after the kill are acknowledged; restart the victims, wait until each serves
 *       and writes sent after that are acknowledged.
 *   <li>Stop the load and wait for every outcome; then on every server, after a sync, each
 *       acknowledged write is there with its data and zxid and nothing else was written ({@link
 *       LoadCheck}), and all servers' dumps of the whole tree are equal.
 * </ol>
 *
 * <p>Catching up, on 3 participants, each way asserted from the leader's log line for the server:
 *
 * <ol>
 *   <li>DIFF: stop a follower (the same one in the next two steps), write a few transactions,
 *       restart it.
 *   <li>SNAP: stop it, write more than the leader's {@value #COMMIT_LOG_COUNT} transactions of DIFF
 *       history, restart it.
 *   <li>SNAP of a wiped disk: SIGKILL it, delete its data, restart it.
 *   <li>TRUNC: SIGSTOP both followers (a hang, so that the leader keeps its quorum for syncLimit
 *       and cannot tell); send the leader a write, which it logs and proposes but cannot commit;
 *       once it is in the leader's log on disk, SIGKILL all three. Start the two followers: they
 *       elect a leader of a new epoch without that transaction. Restart the old leader before the
 *       new one commits anything: its log ends beyond the new leader's last committed zxid, so it
 *       gets TRUNC to the zxid before the uncommitted one. (Were a write committed first, the old
 *       leader's last zxid would fall between two epochs of the new leader's log, which Apache and
 *       we answer with SNAP, never TRUNC across an epoch.) Then write again.
 *   <li>The never-acknowledged transaction is in no server's tree and in no server's log, and the
 *       checks of the load runs hold for every write before and after.
 * </ol>
 *
 * <p>A wiped server rejoins promptly after another restarted: see {@link
 * #wipedServerRejoinsPromptlyAfterAnotherServerRestarted}.
 */
class EnsembleCrashIT {
  private static final int CYCLES = Integer.getInteger("ensemble.cycles", 0);

  /** The log rolls and a fuzzy snapshot starts every 100 to 200 transactions. */
  private static final String SNAP_COUNT = "snapCount=200";

  /**
   * Half of Apache's sample initLimit (10 ticks), so 10 s rather than 20: at a start, two servers
   * may elect one of them before the third shows up, and the one elected then waits initLimit in
   * vain for followers before it looks again (Apache's FastLeaderElection has the same race). Ample
   * for a learner to sync the trees of these tests.
   */
  private static final String INIT_LIMIT = "initLimit=5";

  /** Apache's commitLogCount: the committed transactions a leader keeps to sync with DIFF. */
  private static final int COMMIT_LOG_COUNT = 500;

  /** A kill comes once this many to {@link #MAX_BEFORE_KILL} further writes were acknowledged. */
  private static final int MIN_BEFORE_KILL = 20;

  private static final int MAX_BEFORE_KILL = 150;

  /**
   * Writes in flight under the steady load: keeps every server busy without a flood at each
   * failover.
   */
  private static final int LOAD_WINDOW = 8;

  /** Writes in flight in a batch: the group commit makes 600 of them quick. */
  private static final int BATCH_WINDOW = 32;

  /** Acknowledged writes that show an ensemble takes writes again. */
  private static final int PROGRESS = 20;

  /** Writes of the catch-up test before its first restart, and for a DIFF. */
  private static final int FEW_WRITES = 20;

  /** The one write that is logged by a leader but never committed. */
  private static final String NEVER_ACKNOWLEDGED = "/never-acknowledged";

  /** The leader's line for each learner it syncs (PeerDriver). */
  private static final Pattern SYNC =
      Pattern.compile(
          "Syncing server (\\d+) by (DIFF|TRUNC|SNAP) (?:up to|to|at) 0x(\\p{XDigit}+)");

  /** A server's log line for a change of its role (PeerDriver), e.g. "FOLLOWING (leader 2)". */
  private static final Pattern ROLE_CHANGE =
      Pattern.compile("PeerDriver.*(LOOKING|FOLLOWING|LEADING|OBSERVING|Serving clients)");

  /**
   * How soon a restarted server must serve again: a JVM start and a sync take 1 to 3 s here (5 on a
   * loaded machine); Apache's sample initLimit of 10 ticks of 2 s (which that test keeps), which a
   * server spends trying to follow a server that does not lead, is 20.
   */
  private static final Duration PROMPT_REJOIN = Duration.ofSeconds(10);

  /**
   * The client warns at every lost connection, which these tests cause on purpose; only its errors
   * are shown. Held here: java.util.logging keeps loggers weakly.
   */
  private static final Logger CLIENT_LOG = Logger.getLogger("org.apache.zookeeper");

  /** Kept when a test fails: every member's data and server.out, for the evidence. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private String test;
  private Random random;
  private long started;
  private int kills;
  private int wiped;

  /** Who a round kills, once the leader is known, and whose data it wipes. */
  private record Crash(List<Integer> victims, List<Integer> wipe) {}

  /** A round's name and how it picks its victims from the leader's id. */
  private record Round(String name, IntFunction<Crash> pick) {}

  /** How a leader synced a learner, from its log line. */
  private record Sync(int learner, String kind, long zxid, String line) {}

  @BeforeEach
  void seed(TestInfo info) {
    long seed = Long.getLong("ensemble.seed", ThreadLocalRandom.current().nextLong());
    test = info.getTestMethod().orElseThrow().getName();
    System.out.printf(
        "EnsembleCrashIT %s: seed %d, %d random cycles (replay: -Densemble.seed=%d"
            + " -Densemble.cycles=%d), servers in %s (kept if it fails)%n",
        test, seed, CYCLES, seed, CYCLES, dir);
    random = new Random(seed);
    started = System.nanoTime();
    CLIENT_LOG.setLevel(Level.SEVERE);
  }

  @Test
  void aFollowerThenTheLeaderCrashUnderLoad() throws Exception {
    crashUnderLoad(
        3,
        0,
        List.of(
            new Round("a follower", leader -> kill(randomOther(List.of(1, 2, 3), leader))),
            new Round("the leader", leader -> kill(leader))));
  }

  @Test
  void twoOfFiveParticipantsCrashAtOnceUnderLoad() throws Exception {
    List<Integer> participants = List.of(1, 2, 3, 4, 5);
    crashUnderLoad(
        5,
        0,
        List.of(
            new Round(
                "the leader and a follower",
                leader -> kill(leader, randomOther(participants, leader))),
            new Round(
                "two followers",
                leader -> {
                  List<Integer> followers = new ArrayList<>(participants);
                  followers.remove(Integer.valueOf(leader));
                  Collections.shuffle(followers, random);
                  return kill(followers.get(0), followers.get(1));
                })));
  }

  @Test
  void anObserverAndTheLeaderCrashAtOnceUnderLoad() throws Exception {
    crashUnderLoad(
        3,
        2,
        List.of(
            new Round(
                "an observer and the leader", leader -> kill(4 + random.nextInt(2), leader))));
  }

  @Test
  void restartedServersCatchUpByDiffSnapAndTrunc() throws Exception {
    try (Ensemble ensemble = Ensemble.of(dir, 3, 0, SNAP_COUNT, INIT_LIMIT)) {
      ensemble.start();
      System.out.printf("%s: every server serves after %.1f s%n", test, secondsSince(started));
      EnsembleLoad load =
          EnsembleLoad.connect(ensemble.connectString(), "/load", random, BATCH_WINDOW);
      try {
        load.write(FEW_WRITES, test);
        // One follower throughout: a wiped server whose peer restarted before it is the subject
        // of wipedServerRejoinsPromptlyAfterAnotherServerRestarted.
        int follower = randomOther(List.of(1, 2, 3), ensemble.waitForLeader());
        catchUp(ensemble, load, follower, false, FEW_WRITES, "DIFF");
        catchUp(ensemble, load, follower, false, COMMIT_LOG_COUNT + 100, "SNAP");
        catchUp(ensemble, load, follower, true, FEW_WRITES, "SNAP");
      } finally {
        // No session may be left to expire, or the new leader would commit its closeSession
        // before the old leader rejoins.
        load.close();
      }
      long never = truncateAProposalOnlyTheLeaderLogged(ensemble);
      EnsembleLoad after =
          EnsembleLoad.connect(ensemble.connectString(), "/after-trunc", random, BATCH_WINDOW);
      try {
        after.write(FEW_WRITES, test + ", after TRUNC");
      } finally {
        after.close();
      }
      Map<Integer, SortedMap<String, Ensemble.Znode>> dumps =
          checkEveryServer(ensemble, List.of(load, after));
      for (int id : ensemble.ids()) {
        assertFalse(
            dumps.get(id).containsKey(NEVER_ACKNOWLEDGED),
            "server " + id + " has " + NEVER_ACKNOWLEDGED + ", never acknowledged");
        List<TxnLogs.Txn> log = readLog(ensemble, id);
        assertTrue(
            log.stream().noneMatch(txn -> NEVER_ACKNOWLEDGED.equals(txn.createdPath())),
            String.format("server %d's log still holds the truncated transaction 0x%x", id, never));
      }
      report(List.of(load, after), dumps);
    }
  }

  /**
   * A server restarted with an empty data dir rejoins as fast as any restarted server, even when
   * another follower restarted before it.
   *
   * <ol>
   *   <li>Start 3 participants (the leader is elected with zxid 0) and write a few transactions.
   *   <li>Stop follower A, write, restart it: its election's last notification to follower B is a
   *       LOOKING vote for itself with its last zxid, and stays the last one sent to B.
   *   <li>SIGKILL follower B, wipe its data, restart it. When B connects, A sends it that stale
   *       vote again (Apache's QuorumCnxManager resends the last message on a new connection, and
   *       so do we). It beats B's vote for itself (zxid 0); B counts its own vote at once, so a
   *       quorum votes for A, and while B waits finalizeWait, the replies of A (FOLLOWING) and the
   *       leader (LEADING) name the leader with the zxid of its election, 0, which does not beat
   *       A's vote and is dropped: B elects A, which does not lead, and tries to follow it. As
   *       Apache's learner, B gives up after 5 connection attempts and looks again.
   *   <li>B must serve within {@link #PROMPT_REJOIN} (1.6 s measured on 2 cores). Apache 3.9.5
   *       serves 0.8 to 0.9 s after the restart on this schedule: its own vote counts only once it
   *       comes back through its queue, after A's FOLLOWING reply has replaced A's stale vote, and
   *       a learner that cannot reach its leader gives up after 5 attempts 100 ms apart
   *       (Learner.connectToLeader).
   * </ol>
   */
  @Test
  void wipedServerRejoinsPromptlyAfterAnotherServerRestarted() throws Exception {
    try (Ensemble ensemble = Ensemble.of(dir, 3, 0, SNAP_COUNT)) {
      ensemble.start();
      EnsembleLoad load =
          EnsembleLoad.connect(ensemble.connectString(), "/load", random, BATCH_WINDOW);
      try {
        load.write(FEW_WRITES, test);
        int leader = ensemble.waitForLeader();
        List<Integer> followers = new ArrayList<>(List.of(1, 2, 3));
        followers.remove(Integer.valueOf(leader));
        Collections.shuffle(followers, random);
        int restarted = followers.get(0);
        int wipedId = followers.get(1);
        catchUp(ensemble, load, restarted, false, FEW_WRITES, "DIFF");
        String where = test + ", wiped server " + wipedId + " after server " + restarted;
        Map<Integer, Integer> marks = outputMarks(ensemble);
        ensemble.kill9(List.of(wipedId));
        ensemble.wipeData(wipedId);
        kills++;
        wiped++;
        long restarting = System.nanoTime();
        ensemble.restart(wipedId);
        try {
          await(where + " serving")
              .atMost(PROMPT_REJOIN)
              .pollInterval(Duration.ofMillis(100))
              .until(() -> ensemble.serves(wipedId));
        } catch (ConditionTimeoutException e) {
          throw new AssertionError(
              String.format(
                  "%s: not serving %.1f s after its restart; what it did:%n  %s",
                  where,
                  secondsSince(restarting),
                  String.join("\n  ", roleChanges(ensemble, marks, wipedId))),
              e);
        }
        System.out.printf(
            "%s: serving %.1f s after its restart: %s%n",
            where, secondsSince(restarting), roleChanges(ensemble, marks, wipedId));
        load.write(FEW_WRITES, where);
      } finally {
        load.close();
      }
      report(List.of(load), checkEveryServer(ensemble, List.of(load)));
    }
  }

  /**
   * Runs the load on an ensemble of {@code participants} and {@code observers} through {@code
   * rounds} and {@link #CYCLES} random rounds, then checks every server.
   */
  private void crashUnderLoad(int participants, int observers, List<Round> rounds)
      throws Exception {
    List<Round> all = new ArrayList<>(rounds);
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      all.add(new Round("random " + cycle, leader -> randomCrash(participants, observers)));
    }
    try (Ensemble ensemble = Ensemble.of(dir, participants, observers, SNAP_COUNT, INIT_LIMIT)) {
      ensemble.start();
      System.out.printf("%s: every server serves after %.1f s%n", test, secondsSince(started));
      EnsembleLoad load =
          EnsembleLoad.connect(ensemble.connectString(), "/load", random, LOAD_WINDOW);
      try {
        load.startSteady();
        for (int round = 0; round < all.size(); round++) {
          crash(ensemble, load, round + 1, all.get(round));
        }
        load.stopSteady(test);
      } finally {
        load.close();
      }
      report(List.of(load), checkEveryServer(ensemble, List.of(load)));
    }
  }

  /** One round under the steady load: kill, recover, restart, rejoin (algorithm step 4). */
  private void crash(Ensemble ensemble, EnsembleLoad load, int number, Round round)
      throws Exception {
    String where = test + ", round " + number + " (" + round.name() + ")";
    int before = MIN_BEFORE_KILL + random.nextInt(MAX_BEFORE_KILL - MIN_BEFORE_KILL + 1);
    load.awaitAcknowledgedFrom(load.sentCount(), before, where, ensemble::describe);
    int leader = ensemble.waitForLeader();
    Crash crash = round.pick().apply(leader);
    Map<Integer, Integer> marks = outputMarks(ensemble);
    int sentAtKill = load.sentCount();
    long killed = System.nanoTime();
    ensemble.kill9(crash.victims());
    kills += crash.victims().size();
    for (int id : crash.wipe()) {
      ensemble.wipeData(id);
      wiped++;
    }
    int newLeader = ensemble.waitForLeader();
    load.awaitAcknowledgedFrom(
        sentAtKill, PROGRESS, where + ", after the kill", ensemble::describe);
    double recovered = secondsSince(killed);
    long restarted = System.nanoTime();
    for (int id : crash.victims()) {
      ensemble.restart(id);
    }
    for (int id : crash.victims()) {
      ensemble.waitUntilServing(id);
    }
    load.awaitAcknowledgedFrom(
        load.sentCount(), PROGRESS, where + ", after the restart", ensemble::describe);
    System.out.printf(
        "%s: killed %s%s (leader %d) after %d more writes acknowledged, write #%d next; leader %d"
            + " serving and writes committed %.1f s after the kill; all serving and writing %.1f s"
            + " after the restart; synced %s%n",
        where,
        crash.victims(),
        crash.wipe().isEmpty() ? "" : ", wiped " + crash.wipe(),
        leader,
        before,
        sentAtKill,
        newLeader,
        recovered,
        secondsSince(restarted),
        crash.victims().stream()
            .map(
                id ->
                    id
                        + " by "
                        + syncsSince(ensemble, marks, id).stream()
                            .map(Sync::kind)
                            .collect(Collectors.joining(", then ")))
            .collect(Collectors.joining("; ")));
  }

  /**
   * Takes {@code follower} down ({@code wipe}: SIGKILL and an empty data dir; else SIGTERM), writes
   * {@code writes} transactions, restarts it and asserts that the leader synced it by {@code
   * expected}.
   */
  private void catchUp(
      Ensemble ensemble, EnsembleLoad load, int follower, boolean wipe, int writes, String expected)
      throws Exception {
    String where =
        String.format(
            "%s, %s server %d, %d writes, expecting %s",
            test, wipe ? "wiped" : "stopped", follower, writes, expected);
    long down = System.nanoTime();
    if (wipe) {
      ensemble.kill9(List.of(follower));
      ensemble.wipeData(follower);
      kills++;
      wiped++;
    } else {
      ensemble.stop(follower);
    }
    long writing = System.nanoTime();
    load.write(writes, where);
    long restarting = System.nanoTime();
    Map<Integer, Integer> marks = outputMarks(ensemble);
    ensemble.restart(follower);
    ensemble.waitUntilServing(follower);
    List<Sync> syncs = awaitSyncs(ensemble, marks, follower, where);
    for (Sync sync : syncs) {
      assertEquals(expected, sync.kind(), where + ": " + sync.line());
    }
    System.out.printf(
        "%s: down in %.1f s, written in %.1f s, serving %.1f s after the restart; %s%n",
        where,
        (writing - down) / 1e9,
        (restarting - writing) / 1e9,
        secondsSince(restarting),
        syncs.get(syncs.size() - 1).line().strip());
  }

  /**
   * The TRUNC schedule (catch-up step 4); returns the zxid of the transaction the old leader logged
   * and never committed.
   */
  private long truncateAProposalOnlyTheLeaderLogged(Ensemble ensemble) throws Exception {
    int leader = ensemble.waitForLeader();
    List<Integer> followers = new ArrayList<>(List.of(1, 2, 3));
    followers.remove(Integer.valueOf(leader));
    String where = test + ", TRUNC of server " + leader;
    CompletableFuture<Code> reply = new CompletableFuture<>();
    List<TxnLogs.Txn> log;
    // Its only server is the leader: it can never reconnect to another and write through it.
    try (ZooKeeper zk =
        Clients.connect(ensemble.connectString(leader), Ensemble.TICK_TIME * 20, event -> {})) {
      for (int follower : followers) {
        ensemble.pause(follower);
      }
      zk.create(
          NEVER_ACKNOWLEDGED,
          "never acknowledged".getBytes(StandardCharsets.UTF_8),
          ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT,
          (AsyncCallback.StringCallback) (rc, path, ctx, name) -> reply.complete(Code.get(rc)),
          null);
      long sent = System.nanoTime();
      log =
          await(where + ": the leader logs " + NEVER_ACKNOWLEDGED)
              .atMost(Ensemble.DEADLINE)
              .pollInterval(Duration.ofMillis(20))
              .ignoreExceptions()
              .until(() -> TxnLogs.read(ensemble.dataDir(leader)), EnsembleCrashIT::holdsNever);
      System.out.printf(
          "%s: %s in the leader's log %.3f s after the write was sent; its reply: %s%n",
          where,
          NEVER_ACKNOWLEDGED,
          secondsSince(sent),
          reply.isDone() ? reply.join() : "none yet");
      List<Integer> all = new ArrayList<>(followers);
      all.add(leader);
      ensemble.kill9(all);
      kills += all.size();
    }
    Code code = reply.get(Ensemble.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (code == Code.OK) {
      throw new AssertionError(
          where
              + ": a write was acknowledged with both followers stopped (SIGSTOP)\n"
              + ensemble.describe());
    }
    int index =
        IntStream.range(0, log.size())
            .filter(i -> holdsNever(log.subList(i, i + 1)))
            .findFirst()
            .orElseThrow();
    long never = log.get(index).zxid();
    long before = log.get(index - 1).zxid();

    for (int follower : followers) {
      ensemble.restart(follower);
    }
    int newLeader = ensemble.waitForLeader();
    for (int follower : followers) {
      ensemble.waitUntilServing(follower);
    }
    Map<Integer, Integer> marks = outputMarks(ensemble);
    ensemble.restart(leader);
    ensemble.waitUntilServing(leader);
    List<Sync> syncs = awaitSyncs(ensemble, marks, leader, where);
    for (Sync sync : syncs) {
      assertEquals("TRUNC", sync.kind(), where + ": " + sync.line());
      assertEquals(
          before,
          sync.zxid(),
          String.format(
              "%s: TRUNC to the zxid before the uncommitted 0x%x: %s", where, never, sync.line()));
    }
    System.out.printf(
        "%s: logged 0x%x (after 0x%x) and was killed; server %d leads; %s%n",
        where, never, before, newLeader, syncs.get(syncs.size() - 1).line().strip());
    return never;
  }

  private static boolean holdsNever(List<TxnLogs.Txn> log) {
    return log.stream().anyMatch(txn -> NEVER_ACKNOWLEDGED.equals(txn.createdPath()));
  }

  /** Server {@code id}'s txn log as Apache reads it, retried while the server writes it. */
  private static List<TxnLogs.Txn> readLog(Ensemble ensemble, int id) {
    return await("server " + id + "'s log read")
        .atMost(Ensemble.DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> TxnLogs.read(ensemble.dataDir(id)), txns -> true);
  }

  /**
   * Algorithm step 5: every outcome is an acknowledgement or unknown; every server holds each
   * acknowledged write and nothing unwritten; all dumps are equal. Returns the dumps.
   */
  private Map<Integer, SortedMap<String, Ensemble.Znode>> checkEveryServer(
      Ensemble ensemble, List<EnsembleLoad> loads) throws Exception {
    long checking = System.nanoTime();
    for (EnsembleLoad load : loads) {
      LoadCheck.checkOutcomes(load, test);
    }
    ensemble.waitUntilAllServing();
    Map<Integer, SortedMap<String, Ensemble.Znode>> dumps = new TreeMap<>();
    for (int id : ensemble.ids()) {
      SortedMap<String, Ensemble.Znode> dump = ensemble.dumpTree(id);
      for (EnsembleLoad load : loads) {
        LoadCheck.checkTree(load, dump, test + ", server " + id);
      }
      dumps.put(id, dump);
    }
    int first = ensemble.ids().first();
    for (int id : ensemble.ids()) {
      assertSameTree(first, dumps.get(first), id, dumps.get(id));
    }
    System.out.printf(
        "%s: every server checked in %.1f s (%.1f s into the test)%n",
        test, secondsSince(checking), secondsSince(started));
    return dumps;
  }

  private void assertSameTree(
      int firstId,
      SortedMap<String, Ensemble.Znode> first,
      int id,
      SortedMap<String, Ensemble.Znode> other) {
    if (first.equals(other)) {
      return;
    }
    TreeSet<String> paths = new TreeSet<>(first.keySet());
    paths.addAll(other.keySet());
    List<String> differences =
        paths.stream()
            .filter(path -> !Objects.equals(first.get(path), other.get(path)))
            .limit(10)
            .map(
                path ->
                    String.format(
                        "%s: server %d %s, server %d %s",
                        path, firstId, first.get(path), id, other.get(path)))
            .toList();
    throw new AssertionError(
        String.format(
            "%s: servers %d and %d differ (%d and %d nodes), first differences:%n  %s",
            test, firstId, id, first.size(), other.size(), String.join("\n  ", differences)));
  }

  private void report(
      List<EnsembleLoad> loads, Map<Integer, SortedMap<String, Ensemble.Znode>> dumps) {
    int sent = 0;
    int acknowledged = 0;
    for (EnsembleLoad load : loads) {
      sent += load.sent().size();
      acknowledged += load.acknowledged();
    }
    System.out.printf(
        "EnsembleCrashIT %s: %d writes sent, %d acknowledged, %d unknown; %d kills (%d wiped);"
            + " %d servers with equal trees of %d nodes; passed in %.1f s%n",
        test,
        sent,
        acknowledged,
        sent - acknowledged,
        kills,
        wiped,
        dumps.size(),
        dumps.values().iterator().next().size(),
        secondsSince(started));
  }

  /** A random round: a random minority of the participants, each observer by a third's chance. */
  private Crash randomCrash(int participants, int observers) {
    List<Integer> voters = new ArrayList<>(IntStream.rangeClosed(1, participants).boxed().toList());
    Collections.shuffle(voters, random);
    List<Integer> victims =
        new ArrayList<>(voters.subList(0, 1 + random.nextInt((participants - 1) / 2)));
    for (int observer = participants + 1; observer <= participants + observers; observer++) {
      if (random.nextInt(3) == 0) {
        victims.add(observer);
      }
    }
    List<Integer> wipe = victims.stream().filter(id -> random.nextInt(4) == 0).toList();
    return new Crash(victims, wipe);
  }

  private static Crash kill(Integer... victims) {
    return new Crash(List.of(victims), List.of());
  }

  private int randomOther(List<Integer> ids, int leader) {
    List<Integer> others = new ArrayList<>(ids);
    others.remove(Integer.valueOf(leader));
    return others.get(random.nextInt(others.size()));
  }

  /** Member {@code id}'s role changes (its PeerDriver lines) logged after {@code marks}. */
  private static List<String> roleChanges(Ensemble ensemble, Map<Integer, Integer> marks, int id) {
    List<String> lines = ensemble.output(id);
    return lines.subList(Math.min(marks.get(id), lines.size()), lines.size()).stream()
        .filter(ROLE_CHANGE.asPredicate())
        .map(line -> line.substring(line.indexOf(") ") + 2))
        .toList();
  }

  /** How many lines each member has written so far. */
  private static Map<Integer, Integer> outputMarks(Ensemble ensemble) {
    Map<Integer, Integer> marks = new TreeMap<>();
    for (int id : ensemble.ids()) {
      marks.put(id, ensemble.output(id).size());
    }
    return marks;
  }

  /** Every sync of {@code learner} any member logged after {@code marks}. */
  private static List<Sync> syncsSince(
      Ensemble ensemble, Map<Integer, Integer> marks, int learner) {
    List<Sync> syncs = new ArrayList<>();
    marks.forEach(
        (id, mark) -> {
          List<String> lines = ensemble.output(id);
          for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
            Matcher matcher = SYNC.matcher(line);
            if (matcher.find() && Integer.parseInt(matcher.group(1)) == learner) {
              syncs.add(
                  new Sync(
                      learner,
                      matcher.group(2),
                      Long.parseUnsignedLong(matcher.group(3), 16),
                      line));
            }
          }
        });
    return syncs;
  }

  /** The syncs of {@code learner} logged after {@code marks}; waits until there is one. */
  private static List<Sync> awaitSyncs(
      Ensemble ensemble, Map<Integer, Integer> marks, int learner, String where) {
    return await(where + ": a leader logs how it synced server " + learner)
        .atMost(Ensemble.DEADLINE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> syncsSince(ensemble, marks, learner), syncs -> !syncs.isEmpty());
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}

package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkensemble.node.testing.Clients;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tests with real processes: a client writes continuously while the node is killed with
 * SIGKILL at random moments; after every restart each acknowledged write is there exactly as its
 * reply said, no multi is half-applied, and zxids go on upward.
 *
 * <ol>
 *   <li>Print the seed. {@code -Dcrash.seed=N} replays the kill delays, windows and writes; where a
 *       kill lands among the writes depends on the machine's speed.
 *   <li>Start the node on the one data directory of the run (a small snapCount: the log rolls and
 *       fuzzy snapshots are taken during every cycle) and wait until it serves.
 *   <li>From the second start on, read the tree back and check it against the writes of the cycle
 *       before ({@link RecoveryCheck}).
 *   <li>Send one write alone: its zxid must be above every zxid acknowledged or recovered before.
 *   <li>Write continuously with up to a random number of writes in flight; after a random delay
 *       SIGKILL the node, stop writing, close the client and wait for every callback.
 *   <li>Repeat from 2 for {@code -Dcrash.cycles} cycles (3 by default), then start once more to
 *       check the last cycle's writes.
 * </ol>
 */
class CrashIT {
  private static final int CYCLES = Integer.getInteger("crash.cycles", 3);

  /** Kills land up to this long after the writing starts: before the first log roll, or later. */
  private static final int MAX_KILL_DELAY_MILLIS = 1_500;

  /** Up to this many writes in flight, chosen per cycle. */
  private static final int MAX_WINDOW = 32;

  /** The log rolls and a fuzzy snapshot starts every 100 to 200 transactions. */
  private static final int SNAP_COUNT = 200;

  /**
   * Short ticks, so short sessions: a killed writer's session, restored with the tree, expires 5 s
   * after the restart, and when the next cycle writes that long its closeSession txn lands among
   * the writes.
   */
  private static final int TICK_TIME = 250;

  /** The longest session 20 ticks allow; the client calls a server silent for 2/3 of it lost. */
  private static final int SESSION_TIMEOUT = 20 * TICK_TIME;

  /** What the node logs about its recovery: the replay, a torn last record, a bad snapshot. */
  private static final Pattern RECOVERY_LOG = Pattern.compile("Replayed|torn|unusable");

  /** Lines of the node's output a failure to connect shows. */
  private static final int SHOWN_OUTPUT_LINES = 40;

  /** 128 + SIGKILL(9). */
  private static final int EXIT_ON_SIGKILL = 137;

  @TempDir Path dir;

  /** One cycle's draws from the run's seed. */
  private record Cycle(int number, int killDelayMillis, int window, long plannerSeed) {
    static Cycle draw(int number, Random random) {
      return new Cycle(
          number,
          random.nextInt(MAX_KILL_DELAY_MILLIS + 1),
          1 + random.nextInt(MAX_WINDOW),
          random.nextLong());
    }
  }

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    long seed = Long.getLong("crash.seed", ThreadLocalRandom.current().nextLong());
    System.out.printf(
        "CrashIT seed %d, %d cycles (replay: -Dcrash.seed=%d -Dcrash.cycles=%d)%n",
        seed, CYCLES, seed, CYCLES);
    long started = System.nanoTime();
    Random random = new Random(seed);
    int port = Loopback.freePort();
    Path cfg =
        ZooCfgFile.write(
            dir,
            "tickTime=" + TICK_TIME,
            "dataDir=" + ZooCfgFile.dataDir(dir),
            "clientPort=" + port,
            "clientPortAddress=" + Loopback.HOST,
            "snapCount=" + SNAP_COUNT);
    ModelTree tree = new ModelTree(WritePlanner.ROOT);
    long nextSeq = 0;
    AckLog killed = null;
    // Start 0 is on an empty data directory; start n checks what cycle n wrote before its kill.
    for (int start = 0; start <= CYCLES; start++) {
      try (NodeProcess node = NodeProcess.start(dir, cfg.toString())) {
        node.awaitServing(port);
        if (killed != null) {
          tree = recovered(node, port, tree, killed, "seed " + seed + ", cycle " + start);
        }
        if (start < CYCLES) {
          Cycle cycle = Cycle.draw(start + 1, random);
          killed = writeUntilKilled(node, port, tree, nextSeq, cycle, seed);
          nextSeq += killed.issued().size();
        }
      }
    }
    System.out.printf(
        "CrashIT seed %d: %d cycles, %d writes, passed in %.1f s%n",
        seed, CYCLES, nextSeq, (System.nanoTime() - started) / 1e9);
  }

  /** Runs one cycle's writer until the node is killed; returns its writes and their replies. */
  private static AckLog writeUntilKilled(
      NodeProcess node, int port, ModelTree tree, long firstSeq, Cycle cycle, long seed)
      throws InterruptedException {
    String where = "seed " + seed + ", cycle " + cycle.number();
    AckLog log = new AckLog();
    ZooKeeper zk = connect(node, port, where);
    CrashWriter writer =
        new CrashWriter(
            zk,
            tree,
            new WritePlanner(new Random(cycle.plannerSeed())),
            log,
            cycle.window(),
            firstSeq,
            NodeProcess.DEADLINE);
    try {
      long zxid = writer.writeFirst(where);
      if (zxid <= tree.lastZxid()) {
        throw new AssertionError(
            String.format(
                "%s: the first write after the restart got zxid 0x%x, not above 0x%x, the highest"
                    + " zxid acknowledged or recovered before",
                where, zxid, tree.lastZxid()));
      }
      writer.start();
      // The random moment of the crash: the one wait by design, not a synchronisation.
      Thread.sleep(cycle.killDelayMillis());
      assertEquals(EXIT_ON_SIGKILL, node.sigkill(), where + ": the node's exit code after SIGKILL");
    } finally {
      writer.stop();
      zk.close();
    }
    log.awaitReplies(NodeProcess.DEADLINE, where);
    System.out.printf(
        "%s: killed %d ms into the writing, window %d, %d writes sent%n",
        where, cycle.killDelayMillis(), cycle.window(), log.issued().size());
    return log;
  }

  /** Reads the tree back after a restart and checks it; returns the model to go on from. */
  private static ModelTree recovered(
      NodeProcess node, int port, ModelTree before, AckLog killed, String where) throws Exception {
    try (ZooKeeper zk = connect(node, port, where)) {
      ObservedTree observed = ObservedTree.read(zk, WritePlanner.ROOT);
      RecoveryCheck.Recovered recovered = RecoveryCheck.check(before, killed, observed, where);
      System.out.printf(
          "%s: after the restart %d of %d writes acknowledged, %d of the %d unacknowledged"
              + " recovered; %d nodes, last zxid 0x%x%n",
          where,
          recovered.acknowledged(),
          recovered.sent(),
          recovered.recovered() - recovered.acknowledged(),
          recovered.sent() - recovered.acknowledged(),
          observed.nodes().size(),
          recovered.tree().lastZxid());
      node.output()
          .lines()
          .filter(line -> RECOVERY_LOG.matcher(line).find())
          .forEach(line -> System.out.println("  node: " + line));
      return recovered.tree();
    }
  }

  /** A client whose synchronous calls fail after the deadline rather than hang. */
  private static ZooKeeper connect(NodeProcess node, int port, String where) {
    ZKClientConfig config = new ZKClientConfig();
    config.setProperty(
        ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, String.valueOf(NodeProcess.DEADLINE.toMillis()));
    try {
      return Clients.connect(Loopback.HOST + ":" + port, SESSION_TIMEOUT, event -> {}, config);
    } catch (IllegalStateException e) {
      List<String> output = node.output().lines().toList();
      throw new AssertionError(
          where
              + ": "
              + e.getMessage()
              + "; the node's last output:\n"
              + String.join(
                  "\n",
                  output.subList(Math.max(0, output.size() - SHOWN_OUTPUT_LINES), output.size())),
          e);
    }
  }
}

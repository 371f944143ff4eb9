package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;

import io.zkensemble.node.testing.Clients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Measures how long an ensemble takes to accept writes again after its leader crashes, for our node
 * and for Apache ZooKeeper 3.9.5, on the same machine with the same settings ({@link Ensemble}'s
 * tickTime, initLimit and syncLimit), and prints each run, each system's medians and the ratios of
 * the medians (zkensemble / Apache). {@code scripts/failover-compare.sh} builds and runs it.
 *
 * <p>For each system, on a fresh ensemble of N participants, each of R runs:
 *
 * <ol>
 *   <li>Wait until the ensemble is whole (one leader, every member serving); note the leader.
 *   <li>Open one Apache client session connected to every server but the leader and write with it
 *       back to back (setData, one at a time) until {@value #STEADY_WRITES} writes succeeded.
 *   <li>SIGKILL the leader. The failover time is from just before the kill to the first
 *       acknowledgement of a write committed in a later epoch than the writes before the kill, i.e.
 *       under the new leader, through a surviving server (a write committed before the kill but
 *       acknowledged after it does not count). Meanwhile every survivor is asked srvr every {@link
 *       #LEADER_POLL}: the time to the first "Mode: leader" is the time to a new leader serving.
 *   <li>Stop writing, close the session, restart the killed server and wait until the ensemble is
 *       whole again.
 * </ol>
 *
 * <p>The Apache client waits up to a second, at random, before each reconnection attempt, so the
 * time to the first write holds several hundred milliseconds of the client's own, alike for both
 * systems but noisy: compare medians over many runs. The time to a new leader serving is the
 * servers' part alone.
 *
 * <p>Usage: {@code FailoverProbe [--systems apache,zkensemble] [--servers 3] [--runs 5] [--dir D]}
 * with the node module as the working directory (for our node's jar, {@link NodeProcess#JAR}).
 */
final class FailoverProbe {
  private static final String PATH = "/failover-probe";

  /** Writes that must succeed before the kill, so the session is established and writing. */
  private static final int STEADY_WRITES = 50;

  /** Outlives any failover measured here (tickTime 2000 allows 4 to 40 s). */
  private static final int SESSION_TIMEOUT_MILLIS = 30_000;

  /**
   * The client logs a warning at every disconnection, and this probe disconnects it on purpose;
   * only its errors are shown. Held here: java.util.logging keeps loggers weakly.
   */
  private static final Logger CLIENT_LOG = Logger.getLogger("org.apache.zookeeper");

  private record Options(List<EnsembleMember.Kind> systems, int servers, int runs, Path dir) {}

  /** Resolution of the time to a new leader: how often every survivor is asked srvr. */
  private static final Duration LEADER_POLL = Duration.ofMillis(20);

  /** One run's figures. */
  private record Run(
      int killed,
      int newLeader,
      long leaderNanos,
      long failoverNanos,
      long zxid,
      long wholeNanos) {}

  private FailoverProbe() {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    CLIENT_LOG.setLevel(Level.SEVERE);
    System.out.printf(
        "FailoverProbe: %d participants, tickTime=%d initLimit=%d syncLimit=%d, %d runs per"
            + " system%n",
        options.servers(),
        Ensemble.TICK_TIME,
        Ensemble.INIT_LIMIT,
        Ensemble.SYNC_LIMIT,
        options.runs());
    Map<EnsembleMember.Kind, List<Run>> results = new LinkedHashMap<>();
    for (EnsembleMember.Kind system : options.systems()) {
      List<Run> runs = measure(system, options);
      results.put(system, runs);
      System.out.printf(
          Locale.ROOT,
          "%-10s over %d runs: first write after %s; new leader serving after %s%n",
          name(system),
          runs.size(),
          summary(runs, Run::failoverNanos),
          summary(runs, Run::leaderNanos));
    }
    List<Run> ours = results.get(EnsembleMember.Kind.ZKENSEMBLE);
    List<Run> apache = results.get(EnsembleMember.Kind.APACHE);
    if (ours != null && apache != null) {
      System.out.printf(
          Locale.ROOT,
          "ratio zkensemble/apache of the medians: first write %.2f, new leader serving %.2f%n",
          median(ours, Run::failoverNanos) / median(apache, Run::failoverNanos),
          median(ours, Run::leaderNanos) / median(apache, Run::leaderNanos));
    }
  }

  private static List<Run> measure(EnsembleMember.Kind system, Options options) throws Exception {
    Path dir = options.dir().resolve(name(system));
    deleteRecursively(dir);
    List<Run> runs = new ArrayList<>();
    try (Ensemble ensemble =
        switch (system) {
          case ZKENSEMBLE -> Ensemble.of(dir, options.servers(), 0);
          case APACHE -> ApacheEnsemble.of(dir, options.servers(), 0);
        }) {
      ensemble.start();
      for (int run = 1; run <= options.runs(); run++) {
        Run result = failover(ensemble);
        runs.add(result);
        System.out.printf(
            Locale.ROOT,
            "%-10s run %d/%d: leader %d killed; after %.0f ms server %d leads and serves, after"
                + " %.0f ms the first write is acknowledged (zxid 0x%x); whole again %.0f ms"
                + " after the restart%n",
            name(system),
            run,
            options.runs(),
            result.killed(),
            result.leaderNanos() / 1e6,
            result.newLeader(),
            result.failoverNanos() / 1e6,
            result.zxid(),
            result.wholeNanos() / 1e6);
      }
    }
    return runs;
  }

  /** One run, steps 1 to 4 of the class comment, on an ensemble that is whole. */
  private static Run failover(Ensemble ensemble) throws Exception {
    int leader = ensemble.waitForLeader();
    String survivors =
        ensemble.ids().stream()
            .filter(id -> id != leader)
            .map(ensemble::connectString)
            .collect(Collectors.joining(","));
    Writer writer;
    long killed;
    AtomicLong elected = new AtomicLong();
    try (ZooKeeper zk = Clients.connect(survivors, SESSION_TIMEOUT_MILLIS, event -> {})) {
      if (zk.exists(PATH, false) == null) {
        zk.create(PATH, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      writer = new Writer(zk);
      Thread thread = Thread.ofPlatform().name("failover-writer").start(writer);
      try {
        await("steady writes")
            .atMost(Ensemble.DEADLINE)
            .failFast("the writer's session expired", () -> writer.expired)
            .until(() -> writer.acks.get() >= STEADY_WRITES);
        writer.killEpoch = writer.lastEpoch;
        killed = System.nanoTime();
        ensemble.kill9(leader);
        await("a new leader serving and a write committed under it")
            .atMost(Ensemble.DEADLINE)
            .pollInterval(LEADER_POLL)
            .failFast("the writer's session expired", () -> writer.expired)
            .until(
                () -> {
                  if (elected.get() == 0 && ensemble.leaderId().isPresent()) {
                    elected.set(System.nanoTime());
                  }
                  return elected.get() != 0 && writer.failoverAck != null;
                });
      } finally {
        writer.stopped = true;
        thread.interrupt();
        thread.join();
      }
    }
    int newLeader = ensemble.waitForLeader();
    long restarted = System.nanoTime();
    ensemble.restart(leader);
    ensemble.waitUntilAllServing();
    return new Run(
        leader,
        newLeader,
        elected.get() - killed,
        writer.failoverAck.nanos() - killed,
        writer.failoverAck.zxid(),
        System.nanoTime() - restarted);
  }

  /** Writes back to back with one session until stopped; notes the first write of a new epoch. */
  private static final class Writer implements Runnable {
    record Ack(long nanos, long zxid) {}

    private final ZooKeeper zk;
    private final AtomicLong acks = new AtomicLong();
    private volatile boolean stopped;
    private volatile long lastEpoch = -1;
    private volatile long killEpoch = Long.MAX_VALUE;
    private volatile Ack failoverAck;
    private volatile boolean expired;

    Writer(ZooKeeper zk) {
      this.zk = zk;
    }

    @Override
    public void run() {
      byte[] data = "failover probe".getBytes(StandardCharsets.UTF_8);
      while (!stopped) {
        Stat stat;
        try {
          stat = zk.setData(PATH, data, -1);
        } catch (KeeperException.SessionExpiredException e) {
          expired = true;
          return;
        } catch (KeeperException e) {
          continue; // connection loss while the ensemble fails over: write again
        } catch (InterruptedException e) {
          return;
        }
        long now = System.nanoTime();
        long epoch = stat.getMzxid() >>> 32;
        if (epoch > killEpoch && failoverAck == null) {
          failoverAck = new Ack(now, stat.getMzxid());
        }
        lastEpoch = epoch;
        acks.incrementAndGet();
      }
    }
  }

  /** "median M ms (min A, max B)" of one figure of {@code runs}. */
  private static String summary(List<Run> runs, ToLongFunction<Run> figure) {
    LongSummaryStatistics stats = runs.stream().mapToLong(figure).summaryStatistics();
    return String.format(
        Locale.ROOT,
        "median %.0f ms (min %.0f, max %.0f)",
        median(runs, figure) / 1e6,
        stats.getMin() / 1e6,
        stats.getMax() / 1e6);
  }

  private static double median(List<Run> runs, ToLongFunction<Run> figure) {
    long[] sorted = runs.stream().mapToLong(figure).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static String name(EnsembleMember.Kind system) {
    return system.name().toLowerCase(Locale.ROOT);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static Options parse(String[] args) {
    List<EnsembleMember.Kind> systems =
        List.of(EnsembleMember.Kind.APACHE, EnsembleMember.Kind.ZKENSEMBLE);
    int servers = 3;
    int runs = 5;
    Path dir = Path.of("target", "failover");
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw usage("missing a value after " + args[i]);
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--systems" ->
            systems =
                Stream.of(value.split(","))
                    .map(name -> EnsembleMember.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)))
                    .toList();
        case "--servers" -> servers = Integer.parseInt(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--dir" -> dir = Path.of(value);
        default -> throw usage("unknown option " + args[i]);
      }
    }
    if (servers < 3 || runs < 1) {
      throw usage("--servers must be at least 3 (a leader can fail) and --runs at least 1");
    }
    return new Options(systems, servers, runs, dir.toAbsolutePath());
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(
        problem
            + "; usage: FailoverProbe [--systems apache,zkensemble] [--servers 3] [--runs 5]"
            + " [--dir D]");
  }
}

package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.FourLetterWord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A replicated ensemble of real server processes on 127.0.0.1, each with its own free ports:
 * participants with ids 1..N, then observers with ids N+1..N+M, each of either kind (our node or
 * Apache ZooKeeper 3.9.5, see {@link EnsembleMember.Kind}), so that one ensemble may mix both.
 * Every member gets the same settings (by default Apache's sample tickTime=2000, initLimit=10,
 * syncLimit=5; no AdminServer; every four-letter word allowed; a test may override or add to them)
 * and server lines, in {@code dir/<id>/zoo.cfg} with its myid in {@code dir/<id>/data/myid}, as
 * {@code bin/zkensemble-pseudo-cluster.sh} lays them out.
 *
 * <p>Roles are read from each member's {@code srvr} Mode, as an operator would read them. Waits
 * poll and fail after {@link #DEADLINE} with every member's state and last output.
 */
final class Ensemble implements AutoCloseable {
  static final int TICK_TIME = 2000;
  static final int INIT_LIMIT = 10;
  static final int SYNC_LIMIT = 5;

  /** How long an election or a member's start may take: several JVMs share 2 cores here. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofMillis(100);

  /** A session outlives any failover a test provokes (tickTime 2000 allows 4 to 40 s). */
  private static final int SESSION_TIMEOUT_MILLIS = 30_000;

  /**
   * The one node whose Stat differs between healthy servers: each server sets it from its own
   * configuration, with its own clock as mtime.
   */
  private static final String CONFIG_NODE = "/zookeeper/config";

  private final SortedMap<Integer, EnsembleMember> members;

  private Ensemble(SortedMap<Integer, EnsembleMember> members) {
    this.members = members;
  }

  /**
   * {@code participants} voting and {@code observers} observing servers of our node; each of {@code
   * settings} ({@code key=value}, zoo.cfg lines every member gets) replaces the default of its key
   * or comes in addition, e.g. {@code snapCount=200} so that logs roll within a test.
   */
  static Ensemble of(Path dir, int participants, int observers, String... settings) {
    return mixed(
        dir,
        Collections.nCopies(participants, EnsembleMember.Kind.ZKENSEMBLE),
        Collections.nCopies(observers, EnsembleMember.Kind.ZKENSEMBLE),
        settings);
  }

  /**
   * An ensemble whose participant i (id i + 1) runs {@code participants.get(i)} and whose observer
   * j (id N + j + 1) runs {@code observers.get(j)}; writes every member's zoo.cfg and myid under
   * {@code dir}. Nothing runs before {@link #start}.
   */
  static Ensemble mixed(
      Path dir,
      List<EnsembleMember.Kind> participants,
      List<EnsembleMember.Kind> observers,
      String... settings) {
    if (participants.size() < 2) {
      throw new IllegalArgumentException(
          "an ensemble needs at least 2 participants (Apache runs a lone one standalone)");
    }
    SortedMap<Integer, EnsembleMember> members = new TreeMap<>();
    int id = 0;
    for (EnsembleMember.Kind kind : participants) {
      id++;
      members.put(
          id,
          new EnsembleMember(
              id, kind, EnsembleMember.Role.PARTICIPANT, dir.resolve(String.valueOf(id))));
    }
    for (EnsembleMember.Kind kind : observers) {
      id++;
      members.put(
          id,
          new EnsembleMember(
              id, kind, EnsembleMember.Role.OBSERVER, dir.resolve(String.valueOf(id))));
    }
    SortedMap<String, String> values = new TreeMap<>();
    values.put("tickTime", String.valueOf(TICK_TIME));
    values.put("initLimit", String.valueOf(INIT_LIMIT));
    values.put("syncLimit", String.valueOf(SYNC_LIMIT));
    values.put("admin.enableServer", "false");
    values.put("4lw.commands.whitelist", "*");
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("not a key=value setting: " + setting);
      }
      values.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
    }
    List<String> common = new ArrayList<>();
    values.forEach((key, value) -> common.add(key + "=" + value));
    members.values().forEach(member -> common.add(member.serverLine()));
    members.values().forEach(member -> member.writeConfig(common));
    return new Ensemble(members);
  }

  /** Every member's id, participants first. */
  SortedSet<Integer> ids() {
    return new TreeSet<>(members.keySet());
  }

  /**
   * Starts every member, the highest id first, and waits until one leads and all serve. On empty
   * logs the highest id wins the election; started first, it is heard early, which makes rare the
   * race where two servers elect the lower of them before the third is heard, and that one then
   * waits initLimit in vain for followers.
   */
  void start() {
    new ArrayList<>(members.values()).reversed().forEach(EnsembleMember::start);
    waitUntilAllServing();
  }

  /** SIGKILL to member {@code id}, as a crash; returns once the process is gone. */
  void kill9(int id) throws InterruptedException {
    member(id).kill9();
  }

  /** SIGKILL to every member of {@code ids} at once, as a crash; returns once all are gone. */
  void kill9(Collection<Integer> ids) throws InterruptedException {
    ids.forEach(id -> member(id).sendKill9());
    for (int id : ids) {
      member(id).awaitGone();
    }
  }

  /**
   * SIGSTOP to member {@code id}: it hangs with its connections open, reading nothing, until it is
   * killed ({@link #kill9}).
   */
  void pause(int id) throws InterruptedException {
    member(id).pause();
  }

  /** SIGTERM to member {@code id} (SIGKILL if it does not exit in time). */
  void stop(int id) throws InterruptedException {
    member(id).stop();
  }

  /** Stops member {@code id} if it runs and starts it again; does not wait for it to serve. */
  void restart(int id) throws InterruptedException {
    EnsembleMember member = member(id);
    member.stop();
    member.start();
  }

  /**
   * Deletes member {@code id}'s data (keeping its myid), as a replaced disk; it must be stopped.
   */
  void wipeData(int id) {
    member(id).wipeData();
  }

  /** Whether member {@code id} serves clients as leader, follower or observer right now. */
  boolean serves(int id) {
    return member(id).serves();
  }

  /** Member {@code id}'s dataDir: its myid, and its txn logs and snapshots in version-2. */
  Path dataDir(int id) {
    return member(id).dataDir();
  }

  /** Every line member {@code id}'s processes wrote so far (its server.out, across restarts). */
  List<String> output(int id) {
    return member(id).outputLines();
  }

  /** The id of the one running member whose srvr says {@code Mode: leader}; empty unless one. */
  OptionalInt leaderId() {
    List<Integer> leaders =
        members.values().stream()
            .filter(EnsembleMember::isAlive)
            .filter(member -> member.mode().filter("leader"::equals).isPresent())
            .map(EnsembleMember::id)
            .toList();
    return leaders.size() == 1 ? OptionalInt.of(leaders.get(0)) : OptionalInt.empty();
  }

  /** Waits until exactly one running member leads; returns its id. */
  int waitForLeader() {
    awaitOrFail(
        "one leader",
        () -> leaderId().isPresent(),
        "no server runs",
        () -> members.values().stream().noneMatch(EnsembleMember::isAlive));
    return leaderId().orElseThrow();
  }

  /** Waits until member {@code id} serves clients as leader, follower or observer. */
  void waitUntilServing(int id) {
    EnsembleMember member = member(id);
    awaitOrFail(
        "server " + id + " serving",
        member::serves,
        "server " + id + " does not run",
        () -> !member.isAlive());
  }

  /** Waits until the ensemble is whole: one leader, and every member serving. */
  void waitUntilAllServing() {
    waitForLeader();
    members.keySet().forEach(this::waitUntilServing);
  }

  /** Every member's client address, for a client that may use any of them. */
  String connectString() {
    return members.values().stream()
        .map(EnsembleMember::clientAddress)
        .collect(Collectors.joining(","));
  }

  /** Member {@code id}'s answer to a four-letter word. */
  String fourLetterWord(int id, String word) {
    return FourLetterWord.ask(member(id).clientPort(), word);
  }

  /** Member {@code id}'s server line with its client address, as a reconfig -add takes it. */
  String serverLineWithClient(int id) {
    EnsembleMember member = member(id);
    String line = member.serverLine();
    return (line.endsWith(":observer") ? line : line + ":participant")
        + ";"
        + member.clientAddress();
  }

  /** Member {@code id}'s client address alone. */
  String connectString(int id) {
    return member(id).clientAddress();
  }

  /**
   * One znode as a member serves it. {@code data} holds one char per byte (ISO-8859-1), so unequal
   * bytes never read as equal and ASCII reads as itself; null for a node without data.
   */
  record Znode(String data, Stat stat) {}

  /**
   * The whole tree as member {@code id} serves it after a sync (so it holds every write committed
   * before the call): path to data and Stat. Healthy members give equal dumps; {@value
   * #CONFIG_NODE}'s mtime, local to each server, reads as 0.
   */
  SortedMap<String, Znode> dumpTree(int id) throws KeeperException, InterruptedException {
    ZKClientConfig config = new ZKClientConfig();
    config.setProperty(
        ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, String.valueOf(DEADLINE.toMillis()));
    try (ZooKeeper zk =
        Clients.connect(connectString(id), SESSION_TIMEOUT_MILLIS, event -> {}, config)) {
      sync(zk);
      SortedMap<String, Znode> nodes = new TreeMap<>();
      Deque<String> pending = new ArrayDeque<>(List.of("/"));
      while (!pending.isEmpty()) {
        String path = pending.removeFirst();
        Stat stat = new Stat();
        byte[] data = zk.getData(path, false, stat);
        if (path.equals(CONFIG_NODE)) {
          stat.setMtime(0);
        }
        nodes.put(
            path,
            new Znode(data == null ? null : new String(data, StandardCharsets.ISO_8859_1), stat));
        for (String child : zk.getChildren(path, false)) {
          pending.add(path.equals("/") ? "/" + child : path + "/" + child);
        }
      }
      return nodes;
    }
  }

  /** Every member's kind, role, ports, state and last output lines, for failure messages. */
  String describe() {
    return members.values().stream()
        .map(EnsembleMember::describe)
        .collect(Collectors.joining("\n\n"));
  }

  /** Stops every member that still runs. */
  @Override
  public void close() throws InterruptedException {
    for (EnsembleMember member : members.values()) {
      member.stop();
    }
  }

  private EnsembleMember member(int id) {
    EnsembleMember member = members.get(id);
    if (member == null) {
      throw new IllegalArgumentException("no server " + id + " in " + members.keySet());
    }
    return member;
  }

  /** Makes the server {@code zk} is connected to catch up with the leader. */
  private static void sync(ZooKeeper zk) throws KeeperException, InterruptedException {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    zk.sync("/", (rc, path, ctx) -> done.complete(rc), null);
    int rc;
    try {
      rc = done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("sync did not complete within " + DEADLINE, e);
    }
    if (rc != KeeperException.Code.OK.intValue()) {
      throw KeeperException.create(KeeperException.Code.get(rc), "/");
    }
  }

  /** Polls {@code condition}; fails with every member's state on timeout or once hopeless. */
  private void awaitOrFail(
      String what, Callable<Boolean> condition, String hopelessReason, Callable<Boolean> hopeless) {
    try {
      await(what)
          .atMost(DEADLINE)
          .pollInterval(POLL)
          .failFast(hopelessReason, hopeless)
          .until(condition);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "\n" + describe(), e);
    }
  }
}

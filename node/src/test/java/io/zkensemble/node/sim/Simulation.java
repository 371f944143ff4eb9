package io.zkensemble.node.sim;

import io.zkensemble.node.zab.Input;
import io.zkensemble.node.zab.Membership;
import io.zkensemble.node.zab.PeerState;
import io.zkensemble.node.zab.ZabConfig;
import io.zkensemble.node.zab.Zxid;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * A deterministic simulation of an ensemble (as TigerBeetle's VOPR): the servers' consensus cores,
 * their disks, the network and the clients run in one thread on one clock, and every choice comes
 * from one seed, so that a seed replays exactly.
 *
 * <ol>
 *   <li>Fault phase: clients write and read while servers crash and restart, links are cut
 *       (symmetrically or one way) and healed, and servers turn slow; the checker verifies the
 *       invariants at every event.
 *   <li>Liveness phase: everything heals; within a bounded time a leader must be established, every
 *       server must serve, a new write must commit, and every server must hold exactly the
 *       committed sequence.
 * </ol>
 */
public final class Simulation {
  /** Time units per tick of every server. */
  static final long TICK = 10;

  /**
   * How long the healed ensemble has to recover, in time units: 300 ticks, ten times initLimit,
   * since concurrent elections can each take a leader that then waits initLimit for a quorum, and a
   * server looking for a while resends its vote only every maxNotificationInterval.
   */
  static final long LIVENESS_BOUND = 300 * TICK;

  /** The client id of the liveness probe. */
  private static final int PROBE = 1_000_000;

  private record Event(long time, long seq, Runnable action) {}

  /** A scripted test's hook into one server's inputs. */
  private record Interceptor(long server, Predicate<Input> matches, Predicate<Input> action) {}

  /** What one run found. */
  public record Result(
      long seed, String failure, long events, long time, int committed, long acks) {
    public boolean ok() {
      return failure == null;
    }
  }

  private final SimOptions options;
  private final SimRandom random;
  private final PriorityQueue<Event> events =
      new PriorityQueue<>(
          (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private final List<SimServer> servers = new ArrayList<>();
  private final List<SimClient> clients = new ArrayList<>();
  private final SimNetwork network;
  private final Checker checker;
  private final SnapshotStore snapshots = new SnapshotStore();
  private final PrintStream out;
  private final SimClient probe = new SimClient(PROBE);
  private final List<Interceptor> interceptors = new ArrayList<>();
  private long now;
  private long seq;
  private long processed;
  private boolean faults = true;

  Simulation(SimOptions options, PrintStream out) {
    this.options = options;
    this.random = new SimRandom(options.seed());
    this.out = out;
    int total = options.voters() + options.observers();
    List<Long> voters = LongStream.rangeClosed(1, options.voters()).boxed().toList();
    List<Long> observers = LongStream.rangeClosed(options.voters() + 1, total).boxed().toList();
    for (long id = 1; id <= total; id++) {
      servers.add(new SimServer(this, id, config(id, voters, observers)));
    }
    this.network = new SimNetwork(this, total);
    this.checker = new Checker(servers.subList(0, options.voters()));
    for (int c = 0; c < options.clients(); c++) {
      clients.add(new SimClient(c));
    }
  }

  static ZabConfig config(long id, List<Long> voters, List<Long> observers) {
    return new ZabConfig(
        id,
        new Membership(voters, observers, text(voters, observers), 0),
        30,
        15,
        3,
        3,
        1,
        2,
        40,
        50,
        100);
  }

  /** The configuration as Apache writes it, with made-up addresses: servers exchange it. */
  static String text(List<Long> voters, List<Long> observers) {
    StringBuilder text = new StringBuilder();
    for (long id : voters) {
      text.append("server.").append(id).append("=sim:1:2:participant\n");
    }
    for (long id : observers) {
      text.append("server.").append(id).append("=sim:1:2:observer\n");
    }
    return text.append("version=0").toString();
  }

  /** Runs the seed; never throws for a broken invariant, it reports it. */
  public static Result run(SimOptions options, PrintStream out) {
    return new Simulation(options, out).run();
  }

  Result run() {
    trace("seed " + options.seed() + ": " + options);
    try {
      startServers();
      for (SimClient client : clients) {
        at(random.between(1, 50), () -> clientStep(client));
      }
      at(random.between(50, 200), this::faultStep);
      while (processed < options.steps()) {
        step();
      }
      heal();
      long deadline = now + LIVENESS_BOUND;
      while (now < deadline) {
        step();
        if (probe.expired(now)) {
          probe.giveUp();
        }
        if (probe.ackedZxid() == 0 && probe.idle()) {
          tryProbe();
        }
        if (probe.ackedZxid() > 0 && checker.converged(servers)) {
          trace("converged at " + Zxid.hex(probe.ackedZxid()));
          return result(null);
        }
      }
      return result(
          "no recovery within "
              + LIVENESS_BOUND / TICK
              + " ticks after healing: "
              + describe()
              + (probe.ackedZxid() > 0 ? "" : "; the probe write was not acknowledged"));
    } catch (Violation | IllegalStateException | IllegalArgumentException e) {
      return result(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  void startServers() {
    for (SimServer server : servers) {
      server.start();
      scheduleTick(server, server.id());
    }
  }

  List<SimServer> servers() {
    return servers;
  }

  SimClient client(int id) {
    return clients.get(id);
  }

  /** Runs {@code action} instead of delivering the next input to {@code server} that matches. */
  void intercept(long server, Predicate<Input> matches, Predicate<Input> action) {
    interceptors.add(new Interceptor(server, matches, action));
  }

  /** Whether {@code input} reaches {@code server}: false if an interceptor took it. */
  boolean admit(SimServer server, Input input) {
    for (Interceptor interceptor : interceptors) {
      if (interceptor.server == server.id() && interceptor.matches.test(input)) {
        interceptors.remove(interceptor);
        return interceptor.action.test(input);
      }
    }
    return true;
  }

  String describeServers() {
    return describe();
  }

  void runOneEvent() {
    step();
  }

  private Result result(String failure) {
    return new Result(
        options.seed(), failure, processed, now, checker.committed().size(), checker.acks());
  }

  private String describe() {
    StringBuilder text = new StringBuilder();
    for (SimServer server : servers) {
      text.append(server.id()).append('=');
      if (!server.alive()) {
        text.append("down ");
        continue;
      }
      text.append(server.peer().state())
          .append(server.serving() ? "/serving" : "")
          .append('@')
          .append(Zxid.hex(server.state().appliedZxid()))
          .append(' ');
    }
    return text.toString().trim();
  }

  private void step() {
    Event event = events.poll();
    if (event == null) {
      throw new IllegalStateException("nothing left to happen");
    }
    now = event.time;
    processed++;
    event.action.run();
  }

  void at(long time, Runnable action) {
    events.add(new Event(Math.max(time, now), seq++, action));
  }

  long now() {
    return now;
  }

  SimRandom random() {
    return random;
  }

  SimOptions options() {
    return options;
  }

  SimNetwork network() {
    return network;
  }

  Checker checker() {
    return checker;
  }

  SnapshotStore snapshots() {
    return snapshots;
  }

  SimServer server(long id) {
    return servers.get((int) id - 1);
  }

  void trace(String line) {
    if (options.trace()) {
      out.println("t=" + now + " " + line);
    }
  }

  private void scheduleTick(SimServer server, long offset) {
    at(
        now + offset,
        () -> {
          if (server.alive()) {
            server.input(new Input.Tick());
          }
          scheduleTick(server, TICK);
        });
  }

  /** Crashes, partitions and slowness, while the fault phase lasts. */
  private void faultStep() {
    if (!faults) {
      return;
    }
    if (random.chance(options.crashRate() * 10)) {
      // Half the crashes hit the leader, where most of the protocol's state is.
      SimServer victim = random.chance(0.5) ? leader() : random.pick(servers);
      if (victim.alive()) {
        victim.crash();
        at(
            now + random.between(50, 600),
            () -> {
              if (faults && !victim.alive()) {
                victim.start();
              }
            });
      }
    }
    if (random.chance(options.partitionRate() * 10)) {
      partition();
    }
    if (random.chance(options.slowRate() * 10)) {
      SimServer slow = random.pick(servers);
      slow.slow(random.between(5, 40));
      trace(slow.id() + ": slow");
      at(now + random.between(100, 1000), () -> slow.slow(0));
    }
    at(now + random.between(20, 100), this::faultStep);
  }

  /** The established leader if there is one, else any server. */
  private SimServer leader() {
    for (SimServer server : servers) {
      if (server.serving() && server.peer().state() == PeerState.LEADING) {
        return server;
      }
    }
    return random.pick(servers);
  }

  private void partition() {
    long a = random.between(1, servers.size());
    long b = random.between(1, servers.size());
    List<long[]> cut = new ArrayList<>();
    switch (random.below(3)) {
      case 0 -> {
        for (long other = 1; other <= servers.size(); other++) {
          if (other != a) {
            cut.add(new long[] {a, other});
            cut.add(new long[] {other, a});
          }
        }
      }
      case 1 -> {
        if (a != b) {
          cut.add(new long[] {a, b});
        }
      }
      default -> {
        if (a != b) {
          cut.add(new long[] {a, b});
          cut.add(new long[] {b, a});
        }
      }
    }
    for (long[] link : cut) {
      network.cut(link[0], link[1]);
    }
    at(
        now + random.between(50, 800),
        () -> {
          if (faults) {
            for (long[] link : cut) {
              network.heal(link[0], link[1]);
            }
          }
        });
  }

  private void heal() {
    faults = false;
    trace("healing everything");
    network.healAll();
    for (SimServer server : servers) {
      server.slow(0);
      if (!server.alive()) {
        server.start();
      }
    }
  }

  private void clientStep(SimClient client) {
    if (client.expired(now)) {
      client.giveUp();
    }
    if (client.idle() && faults) {
      SimServer server = random.pick(servers);
      int key = random.below(8);
      if (random.chance(0.7)) {
        KvState.Write write = client.nextWrite(key, random.between(1, 1_000_000));
        if (server.write(write)) {
          client.invoked(write, server.id(), now, checker.writeInvoked());
        }
      } else if (server.serving() && server.state().appliedZxid() >= client.lastSeen()) {
        checker.read(
            server.id(),
            key,
            server.state().get(key),
            server.state().appliedZxid(),
            client.lastSeen());
        client.saw(server.state().appliedZxid());
      }
    }
    at(now + random.between(5, 40), () -> clientStep(client));
  }

  /** After healing, a write through the leader shows the ensemble makes progress again. */
  private void tryProbe() {
    for (SimServer server : servers) {
      if (server.serving() && server.peer().state() == PeerState.LEADING) {
        KvState.Write write = probe.nextWrite(0, 42);
        if (server.write(write)) {
          probe.invoked(write, server.id(), now, checker.writeInvoked());
        }
        return;
      }
    }
  }

  /** A server delivered a write its client waits for; the reply reaches it a little later. */
  void reply(int client, KvState.Write write, long zxid, int version) {
    SimClient waiting = client == PROBE ? probe : clients.get(client);
    at(
        now + random.between(1, 5),
        () -> {
          if (waiting.completes(write)) {
            checker.writeAcked(write, zxid, version, waiting.ackedBeforeInvoke());
            waiting.acked(zxid);
          }
        });
  }
}

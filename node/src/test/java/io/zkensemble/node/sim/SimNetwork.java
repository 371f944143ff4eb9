package io.zkensemble.node.sim;

import io.zkensemble.node.zab.Input;
import io.zkensemble.node.zab.Message;
import io.zkensemble.node.zab.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The network between servers: a directed link per pair that can be cut and healed. Election
 * notifications travel as datagrams; quorum messages over connections, FIFO per direction. A cut
 * loses what is in flight on the link and breaks the connections across it silently (their ends
 * find out by their own timeouts); a crash resets its connections, which the other end sees at once
 * if the link is up.
 */
final class SimNetwork {
  private static final class Conn {
    final long id;
    final long from;
    final long to;
    final long fromIncarnation;
    final long toIncarnation;
    final long forwardGeneration;
    final long backwardGeneration;
    boolean open;
    long forwardClock;
    long backwardClock;

    Conn(
        long id,
        long from,
        long to,
        long fromIncarnation,
        long toIncarnation,
        long forward,
        long backward) {
      this.id = id;
      this.from = from;
      this.to = to;
      this.fromIncarnation = fromIncarnation;
      this.toIncarnation = toIncarnation;
      this.forwardGeneration = forward;
      this.backwardGeneration = backward;
    }

    long other(long end) {
      return end == from ? to : from;
    }
  }

  private final Simulation sim;
  private final int size;
  private final boolean[][] up;
  private final long[][] generation;
  private final long[][] clock;
  private final Notification[][] lastNotification;
  private final Map<Long, Conn> conns = new TreeMap<>();
  private long nextConn = 1;

  SimNetwork(Simulation sim, int servers) {
    this.sim = sim;
    this.size = servers + 1;
    this.up = new boolean[size][size];
    this.generation = new long[size][size];
    this.clock = new long[size][size];
    this.lastNotification = new Notification[size][size];
    for (boolean[] row : up) {
      java.util.Arrays.fill(row, true);
    }
  }

  boolean isUp(long from, long to) {
    return up[(int) from][(int) to];
  }

  void cut(long from, long to) {
    if (up[(int) from][(int) to]) {
      up[(int) from][(int) to] = false;
      generation[(int) from][(int) to]++;
      sim.trace("network: cut " + from + "->" + to);
    }
  }

  void heal(long from, long to) {
    if (!up[(int) from][(int) to]) {
      up[(int) from][(int) to] = true;
      sim.trace("network: heal " + from + "->" + to);
      resendNotification(from, to);
    }
  }

  void healAll() {
    for (int a = 1; a < size; a++) {
      for (int b = 1; b < size; b++) {
        if (a != b) {
          heal(a, b);
        }
      }
    }
  }

  /** A datagram: lost if the link is cut before it arrives. */
  void sendNotification(long from, long to, Notification n) {
    lastNotification[(int) from][(int) to] = n;
    if (!isUp(from, to) || !sim.server(from).alive()) {
      return;
    }
    long sent = generation[(int) from][(int) to];
    long at = fifo(from, to);
    sim.at(
        at,
        () -> {
          if (generation[(int) from][(int) to] == sent && sim.server(to).alive()) {
            sim.server(to).input(new Input.NotificationReceived(from, n));
          }
        });
  }

  /** {@code server} is back: its peers' election connections to it are made again. */
  void restarted(long server) {
    for (int other = 1; other < size; other++) {
      if (other != server) {
        resendNotification(other, server);
      }
    }
  }

  private void resendNotification(long from, long to) {
    Notification last = lastNotification[(int) from][(int) to];
    if (last != null && sim.server(from).alive()) {
      sendNotification(from, to, last);
    }
  }

  private long fifo(long from, long to) {
    long at = Math.max(sim.now() + delay(from, to), clock[(int) from][(int) to]);
    clock[(int) from][(int) to] = at;
    return at;
  }

  private long delay(long from, long to) {
    long base =
        sim.random().chance(0.05) ? sim.random().between(5, 30) : sim.random().between(1, 5);
    return base + sim.server(from).slowness() + sim.server(to).slowness();
  }

  void connect(long from, long to) {
    SimServer target = sim.server(to);
    if (!isUp(from, to) || !isUp(to, from) || !target.alive()) {
      long incarnation = sim.server(from).incarnation();
      sim.at(
          sim.now() + delay(from, to) * 2,
          () -> {
            if (sim.server(from).alive() && sim.server(from).incarnation() == incarnation) {
              sim.server(from).input(new Input.ConnectFailed(to));
            }
          });
      return;
    }
    Conn conn =
        new Conn(
            nextConn++,
            from,
            to,
            sim.server(from).incarnation(),
            target.incarnation(),
            generation[(int) from][(int) to],
            generation[(int) to][(int) from]);
    conns.put(conn.id, conn);
    conn.open = true;
    long accepted = sim.now() + delay(from, to);
    conn.forwardClock = accepted;
    sim.at(accepted, () -> deliver(conn, to, new Input.Connected(from, conn.id)));
    long established = accepted + delay(to, from);
    conn.backwardClock = established;
    sim.at(established, () -> deliver(conn, from, new Input.Connected(to, conn.id)));
  }

  void send(long conn, long from, Message message) {
    Conn c = conns.get(conn);
    if (c == null || !c.open || broken(c)) {
      return;
    }
    long to = c.other(from);
    long at;
    if (from == c.from) {
      at = Math.max(sim.now() + delay(from, to), c.forwardClock);
      c.forwardClock = at;
    } else {
      at = Math.max(sim.now() + delay(from, to), c.backwardClock);
      c.backwardClock = at;
    }
    sim.at(
        at,
        () -> {
          if (c.open && !broken(c)) {
            deliver(c, to, new Input.Received(from, c.id, message));
          }
        });
  }

  /** Closes a connection; the other end learns it if the link lets the FIN through. */
  void close(long conn, long by) {
    Conn c = conns.get(conn);
    if (c == null || !c.open) {
      return;
    }
    c.open = false;
    conns.remove(conn);
    long other = c.other(by);
    if (!broken(c) && isUp(by, other)) {
      // The FIN follows whatever was sent before it in that direction.
      long at = sim.now() + delay(by, other);
      if (by == c.from) {
        at = Math.max(at, c.forwardClock);
        c.forwardClock = at;
      } else {
        at = Math.max(at, c.backwardClock);
        c.backwardClock = at;
      }
      sim.at(at, () -> deliver(c, other, new Input.Disconnected(by, c.id)));
    }
  }

  /** A crash resets every connection of {@code server}. */
  void crashed(long server) {
    List<Conn> affected = new ArrayList<>();
    for (Conn c : conns.values()) {
      if (c.open && (c.from == server || c.to == server)) {
        affected.add(c);
      }
    }
    for (Conn c : affected) {
      close(c.id, server);
    }
  }

  private boolean broken(Conn c) {
    return generation[(int) c.from][(int) c.to] != c.forwardGeneration
        || generation[(int) c.to][(int) c.from] != c.backwardGeneration;
  }

  private void deliver(Conn c, long to, Input input) {
    SimServer server = sim.server(to);
    long incarnation = to == c.from ? c.fromIncarnation : c.toIncarnation;
    if (server.alive() && server.incarnation() == incarnation) {
      server.input(input);
    }
  }
}

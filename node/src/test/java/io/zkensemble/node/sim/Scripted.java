package io.zkensemble.node.sim;

import io.zkensemble.node.zab.Input;
import io.zkensemble.node.zab.Message;
import io.zkensemble.node.zab.PeerState;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * An ensemble for scenario tests: the simulator without random faults or clients, driven step by
 * step by the test, which crashes servers, cuts links, holds fsyncs and catches messages at the
 * moment a schedule needs. The checker watches every event as in random runs. {@code
 * -Dsim.trace=true} prints every event.
 */
final class Scripted {
  /** How long any wait may take, in ticks, before the test fails. */
  private static final long WAIT_TICKS = 500;

  private final Simulation sim;
  private final SimClient client;

  Scripted(int voters, int observers) {
    SimOptions options =
        new SimOptions(1, voters, observers, 0, 1, 0, 0, 0, 0, Boolean.getBoolean("sim.trace"));
    this.sim = new Simulation(options, System.out);
    this.client = sim.client(0);
    sim.startServers();
  }

  SimServer server(long id) {
    return sim.server(id);
  }

  /** The established leader, or null. */
  SimServer leader() {
    for (SimServer server : sim.servers()) {
      if (server.serving() && server.peer().state() == PeerState.LEADING) {
        return server;
      }
    }
    return null;
  }

  /** Runs until a leader is established and every live server serves. */
  SimServer awaitServing() {
    runUntil(
        "every live server serves",
        () -> leader() != null && sim.servers().stream().allMatch(s -> !s.alive() || s.serving()));
    return leader();
  }

  void runUntil(String what, BooleanSupplier condition) {
    long deadline = sim.now() + WAIT_TICKS * Simulation.TICK;
    while (!condition.getAsBoolean()) {
      if (sim.now() > deadline) {
        throw new AssertionError(
            "not within " + WAIT_TICKS + " ticks: " + what + "; " + sim.describeServers());
      }
      sim.runOneEvent();
    }
  }

  void runTicks(long ticks) {
    long until = sim.now() + ticks * Simulation.TICK;
    while (sim.now() < until) {
      sim.runOneEvent();
    }
  }

  /** Sends a write through the leader; it is acknowledged once {@link #acked} says so. */
  KvState.Write write(int key, long value) {
    SimServer leader = leader();
    if (leader == null) {
      throw new AssertionError("no leader to write through: " + sim.describeServers());
    }
    KvState.Write write = client.nextWrite(key, value);
    if (!leader.write(write)) {
      throw new AssertionError("leader " + leader.id() + " refused " + write);
    }
    client.invoked(write, leader.id(), sim.now(), sim.checker().writeInvoked());
    return write;
  }

  /** Writes through the leader and waits for the acknowledgement. */
  long commit(int key, long value) {
    KvState.Write write = write(key, value);
    runUntil("write " + write + " acknowledged", client::idle);
    return client.ackedZxid();
  }

  void crash(long id) {
    sim.server(id).crash();
  }

  /** Crashes {@code id} right after the event being processed. */
  void crashSoon(long id) {
    sim.at(sim.now(), () -> sim.server(id).crash());
  }

  void restart(long id) {
    sim.server(id).start();
  }

  /** Cuts every link of {@code id}, both ways. */
  void isolate(long id) {
    for (SimServer other : sim.servers()) {
      if (other.id() != id) {
        sim.network().cut(id, other.id());
        sim.network().cut(other.id(), id);
      }
    }
  }

  void healAll() {
    sim.network().healAll();
  }

  void holdSyncs(long id) {
    sim.server(id).holdSyncs(true);
  }

  void releaseSyncs(long id) {
    sim.server(id).holdSyncs(false);
  }

  /**
   * When {@code id} is about to receive a message of type {@code type}, runs {@code action}
   * instead; the message is delivered afterwards only if {@code deliver}.
   */
  void onReceive(long id, Class<? extends Message> type, Runnable action, boolean deliver) {
    Predicate<Input> matches =
        input -> input instanceof Input.Received r && type.isInstance(r.message());
    sim.intercept(
        id,
        matches,
        input -> {
          action.run();
          return deliver;
        });
  }

  boolean converged() {
    return sim.checker().converged(sim.servers().stream().filter(SimServer::alive).toList());
  }

  Checker checker() {
    return sim.checker();
  }
}

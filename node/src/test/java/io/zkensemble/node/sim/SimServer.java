package io.zkensemble.node.sim;

import io.zkensemble.node.zab.Effect;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Input;
import io.zkensemble.node.zab.Message;
import io.zkensemble.node.zab.Peer;
import io.zkensemble.node.zab.PeerState;
import io.zkensemble.node.zab.ZabConfig;
import io.zkensemble.node.zab.Zxid;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One simulated server: the consensus core under test, driven the way the real adapter drives it:
 * effects run in order, storage in the background with a sync that reports back, epoch files forced
 * at once, deliveries applied to the state and answered to the clients waiting for them.
 */
final class SimServer {
  private final Simulation sim;
  private final long id;
  private final ZabConfig config;
  private final SimDisk disk = new SimDisk();
  private final Map<Long, Integer> waitingWrites = new TreeMap<>();
  private Peer peer;
  private KvState state = new KvState();
  private boolean alive;
  private long incarnation;
  private long slowness;
  private boolean syncScheduled;
  private boolean syncsHeld;
  private long seqAtNewLeader;

  SimServer(Simulation sim, long id, ZabConfig config) {
    this.sim = sim;
    this.id = id;
    this.config = config;
  }

  long id() {
    return id;
  }

  boolean alive() {
    return alive;
  }

  long incarnation() {
    return incarnation;
  }

  long slowness() {
    return slowness;
  }

  void slow(long extraDelay) {
    slowness = extraDelay;
  }

  SimDisk disk() {
    return disk;
  }

  Peer peer() {
    return peer;
  }

  KvState state() {
    return state;
  }

  boolean serving() {
    return alive && peer.serving();
  }

  void start() {
    incarnation++;
    alive = true;
    peer = new Peer(config, disk.recover(config.historyLimit()));
    state = disk.recoveredState();
    sim.trace(
        id
            + ": start, log ends at "
            + Zxid.hex(peer.lastLoggedZxid())
            + ", epochs "
            + peer.acceptedEpoch()
            + "/"
            + peer.currentEpoch());
    run(peer.start());
    sim.network().restarted(id);
  }

  void crash() {
    sim.trace(id + ": crash");
    alive = false;
    syncScheduled = false;
    syncsHeld = false;
    waitingWrites.clear();
    List<Entry> before = disk.log();
    disk.crash(sim.random(), sim.options().tornRate());
    List<Entry> after = disk.log();
    sim.checker()
        .dropped(this, before.stream().filter(e -> !after.contains(e)).toList(), "a crash");
    sim.network().crashed(id);
    peer = null;
  }

  void input(Input input) {
    if (!alive) {
      return;
    }
    if (sim.options().trace() && !(input instanceof Input.Tick)) {
      sim.trace(id + " <- " + input);
    }
    if (!sim.admit(this, input) || !alive) {
      return;
    }
    if (input instanceof Input.Received received
        && received.message() instanceof Message.NewLeader) {
      // The acknowledgement must wait for everything logged before NEWLEADER to be durable.
      seqAtNewLeader = disk.lastSeq();
    }
    run(peer.step(input));
  }

  /** A client write arriving here; false if this server cannot take it now. */
  boolean write(KvState.Write write) {
    if (!serving()) {
      return false;
    }
    if (peer.state() == PeerState.LEADING) {
      if (!peer.canPropose()) {
        return false;
      }
      waitingWrites.put(key(write), write.client());
      propose(write.encode());
      return true;
    }
    waitingWrites.put(key(write), write.client());
    run(peer.step(new Input.Forward(write.encode())));
    return true;
  }

  private void propose(byte[] payload) {
    run(peer.step(new Input.Propose(new Entry(peer.nextZxid(), payload))));
  }

  private static long key(KvState.Write write) {
    return ((long) write.client() << 40) ^ write.request();
  }

  private void run(List<Effect> effects) {
    for (Effect effect : effects) {
      if (sim.options().trace()) {
        sim.trace(id + " -> " + effect);
      }
      apply(effect);
      if (!alive) {
        return;
      }
    }
  }

  private void apply(Effect effect) {
    switch (effect) {
      case Effect.SendNotification send ->
          sim.network().sendNotification(id, send.to(), send.notification());
      case Effect.Connect connect -> sim.network().connect(id, connect.peer());
      // The simulated network reaches servers by id: a new configuration needs no addresses.
      case Effect.ActivateConfig activate -> {}
      case Effect.Disconnect disconnect -> sim.network().close(disconnect.conn(), id);
      case Effect.Send send -> {
        checkPersistedBeforePromise(send.message());
        sim.network().send(send.conn(), id, send.message());
      }
      case Effect.SendSnapshot send -> {
        if (state.appliedZxid() != send.zxid()) {
          throw new Violation(
              id
                  + ": asked to send a snapshot at "
                  + Zxid.hex(send.zxid())
                  + " but the state is at "
                  + Zxid.hex(state.appliedZxid()));
        }
        byte[] snapshot = sim.snapshots().put(state.copy());
        sim.network().send(send.conn(), id, new Message.Snap(send.zxid(), snapshot));
      }
      case Effect.Append append -> {
        disk.append(append.seq(), append.entry());
        scheduleSync();
      }
      case Effect.Truncate truncate -> {
        List<Entry> before = disk.log();
        disk.truncate(truncate.seq(), truncate.zxid());
        List<Entry> removed = before.stream().filter(e -> e.zxid() > truncate.zxid()).toList();
        sim.checker().dropped(this, removed, "TRUNC to " + Zxid.hex(truncate.zxid()));
        state = disk.reload();
        if (state.appliedZxid() != truncate.zxid()) {
          throw new Violation(
              id
                  + ": TRUNC to "
                  + Zxid.hex(truncate.zxid())
                  + " left the state at "
                  + Zxid.hex(state.appliedZxid()));
        }
        scheduleSync();
      }
      case Effect.InstallSnapshot install -> {
        KvState snapshot = sim.snapshots().get(install.snapshot());
        List<Entry> before = disk.log();
        disk.install(install.seq(), install.zxid(), snapshot);
        List<Entry> removed = before.stream().filter(e -> e.zxid() > install.zxid()).toList();
        sim.checker().dropped(this, removed, "SNAP at " + Zxid.hex(install.zxid()));
        state = snapshot.copy();
        scheduleSync();
      }
      case Effect.PersistAcceptedEpoch epoch -> disk.writeAcceptedEpoch(epoch.epoch());
      case Effect.PersistCurrentEpoch epoch -> {
        if (peer.state() != PeerState.LEADING && disk.durableSeq() < seqAtNewLeader) {
          throw new Violation(
              id
                  + ": currentEpoch "
                  + epoch.epoch()
                  + " written before what came before NEWLEADER is durable");
        }
        disk.writeCurrentEpoch(epoch.epoch());
      }
      case Effect.Deliver deliver -> {
        int version = state.apply(deliver.entry());
        sim.checker().delivered(this, deliver.entry());
        KvState.Write write = KvState.Write.decode(deliver.entry().payload());
        Integer client = waitingWrites.remove(key(write));
        if (client != null) {
          sim.reply(client, write, deliver.entry().zxid(), version);
        }
        if (serving() && sim.random().chance(0.01)) {
          disk.snapshot(state);
        }
      }
      case Effect.Replay replay -> state.apply(replay.entry());
      case Effect.RoleChanged changed -> {
        sim.trace(
            id
                + ": "
                + changed.state()
                + " leader "
                + changed.leader()
                + " epoch "
                + changed.epoch()
                + " ("
                + changed.reason()
                + ")");
        waitingWrites.clear();
      }
      case Effect.Serving serving -> sim.checker().serving(this, serving.epoch());
      case Effect.LearnerRequest request -> {
        if (peer.canPropose()) {
          propose(request.request());
        }
      }
      case Effect.LearnerPing ping -> {}
      case Effect.SyncDone done -> {}
    }
  }

  private void checkPersistedBeforePromise(Message message) {
    if (!(message instanceof Message.Ack ack) || peer.state() == PeerState.LEADING) {
      return;
    }
    if (Zxid.isEpochStart(ack.zxid())) {
      if (disk.durableSeq() < seqAtNewLeader) {
        throw new Violation(id + ": ACK of NEWLEADER before the log it covers is durable");
      }
      return;
    }
    if (!disk.isDurable(ack.zxid())) {
      throw new Violation(id + ": ACK of " + Zxid.hex(ack.zxid()) + " before it is durable");
    }
  }

  /** How long the next fsync takes: usually quick, sometimes stalled, as real disks do. */
  private long syncDelay() {
    long delay =
        sim.random().chance(0.05) ? sim.random().between(20, 150) : sim.random().between(1, 12);
    return delay + slowness;
  }

  /**
   * Group commit, as the storage thread does it: a batch is what is queued when the thread picks it
   * up; it is forced as one; what arrives meanwhile waits for the next batch.
   */
  /** A scripted test stops this server's fsyncs from completing, until it releases them. */
  void holdSyncs(boolean hold) {
    syncsHeld = hold;
    if (!hold && alive && disk.hasPending()) {
      scheduleSync();
    }
  }

  private void scheduleSync() {
    if (syncScheduled || syncsHeld) {
      return;
    }
    syncScheduled = true;
    long myIncarnation = incarnation;
    sim.at(
        sim.now() + sim.random().between(0, 2),
        () -> {
          if (!alive || incarnation != myIncarnation) {
            return;
          }
          long batchEnd = disk.lastSeq();
          sim.at(
              sim.now() + syncDelay(),
              () -> {
                if (!alive || incarnation != myIncarnation) {
                  return;
                }
                if (syncsHeld) {
                  syncScheduled = false;
                  return;
                }
                disk.syncThrough(batchEnd);
                syncScheduled = false;
                if (disk.hasPending()) {
                  scheduleSync();
                }
                input(new Input.Persisted(batchEnd));
              });
        });
  }
}

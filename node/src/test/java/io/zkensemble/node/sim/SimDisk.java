package io.zkensemble.node.sim;

import io.zkensemble.node.zab.DurableState;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Zxid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's data directory as Apache lays it out: epoch files, a transaction log and snapshots.
 * Epoch files are written and forced at once. Log operations queue up until a sync makes them
 * durable; a crash keeps the durable part and, of the rest, whatever prefix the page cache had
 * written back, possibly with its last record torn (dropped by recovery's checksum).
 */
final class SimDisk {
  private record Snapshot(long zxid, KvState state) {}

  private sealed interface Op {
    long seq();
  }

  private record Append(long seq, Entry entry) implements Op {}

  private record Truncate(long seq, long zxid) implements Op {}

  private record Install(long seq, long zxid, KvState state) implements Op {}

  /** What survives a crash, and what recovery reads. */
  private static final class Image {
    final List<Entry> log = new ArrayList<>();
    final List<Snapshot> snapshots = new ArrayList<>();

    Image() {
      snapshots.add(new Snapshot(0, new KvState()));
    }

    Image(Image other) {
      log.addAll(other.log);
      snapshots.addAll(other.snapshots);
    }

    void apply(Op op) {
      switch (op) {
        case Append append -> {
          if (!log.isEmpty() && log.get(log.size() - 1).zxid() >= append.entry().zxid()) {
            throw new Violation(
                "log append "
                    + Zxid.hex(append.entry().zxid())
                    + " after "
                    + Zxid.hex(log.get(log.size() - 1).zxid()));
          }
          log.add(append.entry());
        }
        case Truncate truncate -> {
          log.removeIf(e -> e.zxid() > truncate.zxid());
          snapshots.removeIf(s -> s.zxid() > truncate.zxid());
        }
        case Install install -> {
          log.removeIf(e -> e.zxid() > install.zxid());
          snapshots.add(new Snapshot(install.zxid(), install.state().copy()));
        }
      }
    }

    /** Apache's recovery: the newest snapshot, then the log after it. */
    KvState state() {
      Snapshot newest = snapshots.get(snapshots.size() - 1);
      KvState state = newest.state().copy();
      for (Entry entry : log) {
        if (entry.zxid() > newest.zxid()) {
          state.apply(entry);
        }
      }
      return state;
    }

    long snapshotZxid() {
      return snapshots.get(snapshots.size() - 1).zxid();
    }

    void snapshot(KvState state) {
      snapshots.add(new Snapshot(state.appliedZxid(), state.copy()));
      snapshots.sort((a, b) -> Long.compare(a.zxid(), b.zxid()));
    }
  }

  private Image durable = new Image();
  private final ArrayDeque<Op> pending = new ArrayDeque<>();
  private long acceptedEpoch;
  private long currentEpoch;
  private long lastSeq;
  private long durableSeq;

  long acceptedEpoch() {
    return acceptedEpoch;
  }

  long currentEpoch() {
    return currentEpoch;
  }

  void writeAcceptedEpoch(long epoch) {
    acceptedEpoch = epoch;
  }

  void writeCurrentEpoch(long epoch) {
    currentEpoch = epoch;
  }

  void append(long seq, Entry entry) {
    queue(new Append(seq, entry));
  }

  void truncate(long seq, long zxid) {
    queue(new Truncate(seq, zxid));
  }

  void install(long seq, long zxid, KvState state) {
    queue(new Install(seq, zxid, state.copy()));
  }

  private void queue(Op op) {
    if (op.seq() != lastSeq + 1) {
      throw new Violation("storage operation " + op.seq() + " after " + lastSeq);
    }
    lastSeq = op.seq();
    pending.add(op);
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Forces the queued operations up to {@code seq}. */
  void syncThrough(long seq) {
    while (!pending.isEmpty() && pending.peekFirst().seq() <= seq) {
      durable.apply(pending.removeFirst());
    }
    durableSeq = Math.max(durableSeq, seq);
  }

  long lastSeq() {
    return lastSeq;
  }

  long durableSeq() {
    return durableSeq;
  }

  /** Whether the logged transaction {@code zxid} is durable: on disk, and not being replaced. */
  boolean isDurable(long zxid) {
    for (Op op : pending) {
      boolean touches =
          switch (op) {
            case Append append -> append.entry().zxid() == zxid;
            case Truncate truncate -> truncate.zxid() < zxid;
            case Install install -> install.zxid() < zxid;
          };
      if (touches) {
        return false;
      }
    }
    for (int i = durable.log.size() - 1; i >= 0; i--) {
      long logged = durable.log.get(i).zxid();
      if (logged == zxid) {
        return true;
      }
      if (logged < zxid) {
        return false;
      }
    }
    return false;
  }

  /** Whether {@code entry} would survive a crash now: in the durable log or a durable snapshot. */
  boolean durablyHolds(Entry entry) {
    for (int i = durable.log.size() - 1; i >= 0; i--) {
      Entry logged = durable.log.get(i);
      if (logged.zxid() == entry.zxid()) {
        if (logged.equals(entry)) {
          return true;
        }
        break;
      }
      if (logged.zxid() < entry.zxid()) {
        break;
      }
    }
    for (Snapshot snapshot : durable.snapshots) {
      if (snapshot.zxid() >= entry.zxid() && snapshot.state().applied().contains(entry)) {
        return true;
      }
    }
    return false;
  }

  /** The log as the server sees it: durable, then everything queued. */
  List<Entry> log() {
    Image logical = new Image(durable);
    pending.forEach(logical::apply);
    return logical.log;
  }

  /** The state a reload of the data directory gives now (Apache's ZKDatabase.truncateLog). */
  KvState reload() {
    Image logical = new Image(durable);
    pending.forEach(logical::apply);
    return logical.state();
  }

  /** A durable snapshot of {@code state}, as a server takes them while serving. */
  void snapshot(KvState state) {
    durable.snapshot(state);
  }

  /** The machine dies: what was not forced may or may not have reached the disk. */
  void crash(SimRandom random, double tornRate) {
    int survivors = random.below(pending.size() + 1);
    for (int i = 0; i < survivors; i++) {
      Op op = pending.removeFirst();
      boolean last = i == survivors - 1;
      if (last && op instanceof Append && random.chance(tornRate)) {
        break;
      }
      durable.apply(op);
    }
    pending.clear();
    lastSeq = 0;
    durableSeq = 0;
  }

  /** What a restarted server finds: its epochs, the end of its log, and its state. */
  DurableState recover(int historyLimit) {
    long snapshotZxid = durable.snapshotZxid();
    List<Entry> after = durable.log.stream().filter(e -> e.zxid() > snapshotZxid).toList();
    long last = after.isEmpty() ? snapshotZxid : after.get(after.size() - 1).zxid();
    List<Entry> recent = after.subList(Math.max(0, after.size() - historyLimit), after.size());
    try {
      return new DurableState(acceptedEpoch, currentEpoch, last, snapshotZxid, recent);
    } catch (IllegalArgumentException e) {
      throw new Violation("the data directory does not add up: " + e.getMessage());
    }
  }

  KvState recoveredState() {
    return durable.state();
  }
}

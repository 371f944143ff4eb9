package io.zkensemble.node.zab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The end of this server's log as the core knows it, and how far it is durable and applied.
 *
 * <p>The log itself lives on disk; here are its last transactions (a window, to sync learners with
 * DIFF and to deliver), numbered storage operations and the point up to which they are durable, and
 * the zxid the state reflects. Transactions at or before {@code base} are only on disk.
 */
final class History {
  /** A transaction in the window and the storage operation that logged it. */
  private record Logged(Entry entry, long seq) {}

  private final int limit;
  private final ArrayDeque<Logged> window = new ArrayDeque<>();
  private long base;
  private long floor;
  private long lastLogged;
  private long applied;
  private long lastSeq;
  private long durableSeq;

  History(DurableState durable, int limit) {
    this.limit = limit;
    this.lastLogged = durable.lastLoggedZxid();
    this.applied = lastLogged;
    this.floor = durable.snapshotZxid();
    List<Entry> recent = durable.recentEntries();
    this.base = recent.isEmpty() ? lastLogged : recent.get(0).zxid() - 1;
    long previous = base;
    for (Entry entry : recent) {
      check(entry.zxid() > previous, "recent entries must ascend");
      previous = entry.zxid();
      window.add(new Logged(entry, 0));
    }
  }

  long lastLogged() {
    return lastLogged;
  }

  long applied() {
    return applied;
  }

  /** The lowest zxid the state can be truncated back to: the newest snapshot's. */
  long floor() {
    return floor;
  }

  /** The oldest zxid in the window, or the log's end when the window is empty. */
  long oldest() {
    return window.isEmpty() ? lastLogged : window.getFirst().entry.zxid();
  }

  boolean contains(long zxid) {
    return find(zxid) != null;
  }

  Entry entry(long zxid) {
    Logged logged = find(zxid);
    check(logged != null, "no logged entry " + Zxid.hex(zxid));
    return logged.entry;
  }

  /** The window's transactions after {@code zxid}, oldest first. */
  List<Entry> after(long zxid) {
    List<Entry> entries = new ArrayList<>();
    for (Logged logged : window) {
      if (logged.entry.zxid() > zxid) {
        entries.add(logged.entry);
      }
    }
    return entries;
  }

  /** The window's transactions, oldest first. */
  List<Entry> all() {
    return after(Long.MIN_VALUE);
  }

  void append(Entry entry, Outbox out) {
    check(
        entry.zxid() > lastLogged,
        "append " + Zxid.hex(entry.zxid()) + " after " + Zxid.hex(lastLogged));
    long seq = ++lastSeq;
    window.add(new Logged(entry, seq));
    lastLogged = entry.zxid();
    out.add(new Effect.Append(seq, entry));
  }

  /** Drops the log after {@code zxid}; the state is brought to exactly {@code zxid}. */
  void truncate(long zxid, Outbox out) {
    check(
        zxid >= floor,
        "cannot truncate to " + Zxid.hex(zxid) + ", below the snapshot " + Zxid.hex(floor));
    while (!window.isEmpty() && window.getLast().entry.zxid() > zxid) {
      window.removeLast();
    }
    if (zxid < base) {
      base = zxid;
    }
    lastLogged = zxid;
    applied = zxid;
    out.add(new Effect.Truncate(++lastSeq, zxid));
  }

  /** Replaces log and state with a leader's snapshot at {@code zxid}. */
  void installSnapshot(long zxid, byte[] snapshot, Outbox out) {
    window.clear();
    base = zxid;
    floor = zxid;
    lastLogged = zxid;
    applied = zxid;
    out.add(new Effect.InstallSnapshot(++lastSeq, zxid, snapshot));
  }

  void persisted(long seq) {
    check(seq <= lastSeq, "persisted " + seq + " but only " + lastSeq + " storage operations");
    durableSeq = Math.max(durableSeq, seq);
  }

  /** Whether every storage operation issued so far is durable. */
  boolean allDurable() {
    return durableSeq >= lastSeq;
  }

  /** The storage operations issued so far; durable once {@link #durableThrough} reaches it. */
  long lastSeq() {
    return lastSeq;
  }

  boolean durableThrough(long seq) {
    return durableSeq >= seq;
  }

  /** Whether the logged transaction {@code zxid} is durable. */
  boolean isDurable(long zxid) {
    Logged logged = find(zxid);
    check(logged != null, "no logged entry " + Zxid.hex(zxid));
    return logged.seq <= durableSeq;
  }

  /** Delivers the logged transactions after the applied point up to {@code zxid}, in order. */
  void deliverThrough(long zxid, Outbox out) {
    applyThrough(zxid, out, true);
  }

  /** Applies every logged transaction not applied yet, as not known to be committed. */
  void replayAll(Outbox out) {
    applyThrough(lastLogged, out, false);
  }

  private void applyThrough(long zxid, Outbox out, boolean committed) {
    check(
        zxid <= lastLogged, "apply " + Zxid.hex(zxid) + " beyond the log " + Zxid.hex(lastLogged));
    if (zxid <= applied) {
      return;
    }
    check(applied >= base, "transactions after " + Zxid.hex(applied) + " left the window");
    for (Logged logged : window) {
      long next = logged.entry.zxid();
      if (next > applied && next <= zxid) {
        out.add(committed ? new Effect.Deliver(logged.entry) : new Effect.Replay(logged.entry));
        applied = next;
      }
    }
    check(applied == zxid, "no logged entry " + Zxid.hex(zxid) + " to apply");
  }

  /** Forgets the oldest transactions beyond the limit that are applied and durable. */
  void trim(long committed) {
    Iterator<Logged> oldest = window.iterator();
    while (window.size() > limit && oldest.hasNext()) {
      Logged first = oldest.next();
      if (first.entry.zxid() > Math.min(committed, applied) || first.seq > durableSeq) {
        return;
      }
      oldest.remove();
      base = first.entry.zxid();
    }
  }

  private Logged find(long zxid) {
    if (zxid <= base || zxid > lastLogged) {
      return null;
    }
    for (Iterator<Logged> it = window.descendingIterator(); it.hasNext(); ) {
      Logged logged = it.next();
      if (logged.entry.zxid() == zxid) {
        return logged;
      }
      if (logged.entry.zxid() < zxid) {
        return null;
      }
    }
    return null;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}

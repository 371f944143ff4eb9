package io.zkensemble.node.sim;

import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.PeerState;
import io.zkensemble.node.zab.Zxid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants, checked as the events that could break them happen.
 *
 * <ul>
 *   <li>At most one leader is established per epoch.
 *   <li>The committed sequence only grows: an established leader's state must hold all of it (so
 *       every committed transaction is in every later leader's history), and what it adds is
 *       committed from then on.
 *   <li>Every server applies a prefix of that one sequence: a learner starts serving with a prefix
 *       and each delivery is the next element; zxids strictly increase.
 *   <li>Every committed transaction stays durable on a quorum of voters: when a server drops one
 *       (TRUNC, SNAP, or a crash losing what was not forced), the others must still hold it.
 *   <li>A write acknowledged to a client is committed, with the version the committed sequence
 *       gives it, and after every write acknowledged before it was sent (linearizable writes).
 *   <li>A read returns the committed state at the zxid the server had applied, never older than
 *       what its client has seen.
 * </ul>
 */
final class Checker {
  private final List<Entry> committed = new ArrayList<>();
  private final Set<Entry> committedSet = new HashSet<>();
  private final Map<Long, Long> leaders = new TreeMap<>();
  private final List<SimServer> voters;
  private long maxAckedZxid;
  private long acks;

  Checker(List<SimServer> voters) {
    this.voters = voters;
  }

  List<Entry> committed() {
    return committed;
  }

  long acks() {
    return acks;
  }

  long maxAckedZxid() {
    return maxAckedZxid;
  }

  void serving(SimServer server, long epoch) {
    List<Entry> applied = server.state().applied();
    if (server.peer().state() == PeerState.LEADING) {
      Long previous = leaders.putIfAbsent(epoch, server.id());
      if (previous != null && previous != server.id()) {
        throw new Violation(
            "two leaders established in epoch " + epoch + ": " + previous + " and " + server.id());
      }
      requirePrefix(
          committed,
          applied,
          "leader " + server.id() + " of epoch " + epoch + " lacks committed transactions");
      for (int i = committed.size(); i < applied.size(); i++) {
        commit(applied.get(i));
      }
    } else {
      requirePrefix(
          applied,
          committed,
          server.id() + " serves a state that is not a prefix of the committed sequence");
    }
  }

  void delivered(SimServer server, Entry entry) {
    int index = server.state().applied().size() - 1;
    if (index < committed.size()) {
      if (!committed.get(index).equals(entry)) {
        throw new Violation(
            server.id()
                + " delivered "
                + entry
                + " as transaction #"
                + index
                + " but the committed one is "
                + committed.get(index));
      }
    } else if (index == committed.size() && server.peer().state() == PeerState.LEADING) {
      if (index > 0 && !committed.get(index - 1).equals(server.state().applied().get(index - 1))) {
        throw new Violation(
            "leader " + server.id() + " commits " + entry + " after a different history");
      }
      commit(entry);
    } else {
      throw new Violation(
          server.id() + " delivered " + entry + " which is beyond the committed sequence");
    }
  }

  void dropped(SimServer server, List<Entry> removed, String how) {
    for (Entry entry : removed) {
      if (!committedSet.contains(entry)) {
        continue;
      }
      List<Long> holders = new ArrayList<>();
      for (SimServer voter : voters) {
        if (voter != server && voter.disk().durablyHolds(entry)) {
          holders.add(voter.id());
        }
      }
      if (holders.size() <= voters.size() / 2) {
        throw new Violation(
            server.id()
                + " dropped committed "
                + entry
                + " by "
                + how
                + ", and only "
                + holders
                + " still hold it durably");
      }
    }
  }

  /** The highest zxid acknowledged so far: a write sent now must commit after it. */
  long writeInvoked() {
    return maxAckedZxid;
  }

  void writeAcked(KvState.Write write, long zxid, int version, long ackedBeforeInvoke) {
    Entry entry = new Entry(zxid, write.encode());
    if (!committedSet.contains(entry)) {
      throw new Violation(
          "write " + write + " acknowledged at " + Zxid.hex(zxid) + " but not committed");
    }
    if (zxid <= ackedBeforeInvoke) {
      throw new Violation(
          "write "
              + write
              + " committed at "
              + Zxid.hex(zxid)
              + ", before "
              + Zxid.hex(ackedBeforeInvoke)
              + " which was acknowledged before it was sent");
    }
    int expected = 0;
    for (Entry e : committed) {
      if (e.zxid() > zxid) {
        break;
      }
      if (KvState.Write.decode(e.payload()).key() == write.key()) {
        expected++;
      }
    }
    if (expected != version) {
      throw new Violation(
          "write "
              + write
              + " acknowledged with version "
              + version
              + " but it is version "
              + expected);
    }
    maxAckedZxid = Math.max(maxAckedZxid, zxid);
    acks++;
  }

  void read(long server, int key, KvState.Value value, long appliedZxid, long seenByClient) {
    if (appliedZxid < seenByClient) {
      throw new Violation(
          "server "
              + server
              + " answered a read at "
              + Zxid.hex(appliedZxid)
              + ", older than "
              + Zxid.hex(seenByClient)
              + " its client has seen");
    }
    KvState.Value expected = KvState.of(committed, appliedZxid).get(key);
    if (!expected.equals(value)) {
      throw new Violation(
          "server "
              + server
              + " read "
              + value
              + " for key "
              + key
              + " at "
              + Zxid.hex(appliedZxid)
              + ", committed state says "
              + expected);
    }
  }

  /** After healing: every server holds exactly the committed sequence. */
  boolean converged(List<SimServer> servers) {
    for (SimServer server : servers) {
      if (!server.serving() || !server.state().applied().equals(committed)) {
        return false;
      }
    }
    return true;
  }

  private void commit(Entry entry) {
    if (!committed.isEmpty() && committed.get(committed.size() - 1).zxid() >= entry.zxid()) {
      throw new Violation(
          "committed zxids must increase: "
              + entry
              + " after "
              + committed.get(committed.size() - 1));
    }
    committed.add(entry);
    committedSet.add(entry);
  }

  private static void requirePrefix(List<Entry> prefix, List<Entry> of, String message) {
    if (prefix.size() > of.size() || !of.subList(0, prefix.size()).equals(prefix)) {
      int at = 0;
      while (at < Math.min(prefix.size(), of.size()) && prefix.get(at).equals(of.get(at))) {
        at++;
      }
      throw new Violation(
          message
              + " (they differ at #"
              + at
              + ": "
              + (at < prefix.size() ? prefix.get(at) : "end")
              + " vs "
              + (at < of.size() ? of.get(at) : "end")
              + ")");
    }
  }
}

package io.zkensemble.node.sim;

import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Zxid;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The replicated state machine of the simulation: a map of registers, each with a version that
 * counts its writes, and the whole sequence of transactions applied, for the checker.
 */
final class KvState {
  /** One client write: register {@code key} set to {@code value}. */
  record Write(int client, long request, int key, long value) {
    byte[] encode() {
      return ByteBuffer.allocate(24)
          .putInt(client)
          .putLong(request)
          .putInt(key)
          .putLong(value)
          .array();
    }

    static Write decode(byte[] payload) {
      ByteBuffer buffer = ByteBuffer.wrap(payload);
      return new Write(buffer.getInt(), buffer.getLong(), buffer.getInt(), buffer.getLong());
    }
  }

  record Value(long value, int version) {}

  private final TreeMap<Integer, Value> values;
  private final List<Entry> applied;

  KvState() {
    this(new TreeMap<>(), new ArrayList<>());
  }

  private KvState(TreeMap<Integer, Value> values, List<Entry> applied) {
    this.values = values;
    this.applied = applied;
  }

  KvState copy() {
    return new KvState(new TreeMap<>(values), new ArrayList<>(applied));
  }

  long appliedZxid() {
    return applied.isEmpty() ? 0 : applied.get(applied.size() - 1).zxid();
  }

  List<Entry> applied() {
    return applied;
  }

  Value get(int key) {
    return values.getOrDefault(key, new Value(0, 0));
  }

  /** Applies a transaction; returns the register's new version. */
  int apply(Entry entry) {
    if (entry.zxid() <= appliedZxid()) {
      throw new Violation(
          "zxids must increase: applying "
              + Zxid.hex(entry.zxid())
              + " after "
              + Zxid.hex(appliedZxid()));
    }
    Write write = Write.decode(entry.payload());
    int version = get(write.key()).version() + 1;
    values.put(write.key(), new Value(write.value(), version));
    applied.add(entry);
    return version;
  }

  /** The state after the transactions of {@code sequence} up to {@code zxid}. */
  static KvState of(List<Entry> sequence, long zxid) {
    KvState state = new KvState();
    for (Entry entry : sequence) {
      if (entry.zxid() > zxid) {
        break;
      }
      state.apply(entry);
    }
    return state;
  }

  boolean sameValues(KvState other) {
    return values.equals(other.values);
  }
}

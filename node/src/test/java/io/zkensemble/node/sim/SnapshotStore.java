package io.zkensemble.node.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The bytes of a SNAP message: an index into the states the simulated leaders sent. */
final class SnapshotStore {
  private final List<KvState> states = new ArrayList<>();

  byte[] put(KvState state) {
    states.add(state.copy());
    return ByteBuffer.allocate(4).putInt(states.size() - 1).array();
  }

  KvState get(byte[] snapshot) {
    return states.get(ByteBuffer.wrap(snapshot).getInt()).copy();
  }
}

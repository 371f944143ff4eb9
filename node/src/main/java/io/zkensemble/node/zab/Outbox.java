package io.zkensemble.node.zab;

import java.util.ArrayList;
import java.util.List;

/** The effects of one step, in order. */
final class Outbox {
  private final List<Effect> effects = new ArrayList<>();

  void add(Effect effect) {
    effects.add(effect);
  }

  List<Effect> drain() {
    List<Effect> drained = List.copyOf(effects);
    effects.clear();
    return drained;
  }
}

package io.zkensemble.node.sim;

import java.util.List;
import java.util.SplittableRandom;

/** The simulation's only source of randomness: every choice comes from the seed, in order. */
final class SimRandom {
  private final SplittableRandom random;

  SimRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** A number in [from, to], both included. */
  long between(long from, long to) {
    return from + random.nextLong(to - from + 1);
  }

  int below(int bound) {
    return random.nextInt(bound);
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}

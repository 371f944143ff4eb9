package io.zkensemble.node.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the participants inside a section at once and remembers the most there ever were. */
public final class ConcurrencyMeter {
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger max = new AtomicInteger();

  public void enter() {
    max.accumulateAndGet(inside.incrementAndGet(), Math::max);
  }

  public void exit() {
    inside.decrementAndGet();
  }

  public int inside() {
    return inside.get();
  }

  public int max() {
    return max.get();
  }
}

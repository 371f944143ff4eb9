package io.zkensemble.node.sim;

/** An invariant broke: the run fails with this message, and its seed replays it. */
final class Violation extends RuntimeException {
  Violation(String message) {
    super(message);
  }
}

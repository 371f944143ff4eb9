package io.zkensemble.node.admin;

/**
 * The trace mask gtmk and get_trace_mask report and set_trace_mask sets (Apache's ZooTrace). This
 * node writes no request traces, so the mask only round-trips.
 */
final class TraceMask {
  /**
   * Apache's ZooTrace default: CLIENT_REQUEST_TRACE_MASK | SERVER_PACKET_TRACE_MASK |
   * CLIENT_PING_TRACE_MASK | ... = 0b100110010 = 306.
   */
  static final long DEFAULT = 306;

  private static volatile long mask = DEFAULT;

  private TraceMask() {}

  static long get() {
    return mask;
  }

  static void set(long newMask) {
    mask = newMask;
  }
}

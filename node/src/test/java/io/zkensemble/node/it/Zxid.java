package io.zkensemble.node.it;

/**
 * A zxid in a crash test's model: known exactly (the server acknowledged it), or only as "the zxid
 * of write {@code write}, above {@code value}" until the recovered tree shows it.
 *
 * @param write the sequence number of the write that produced this zxid
 * @param value the zxid when {@code exact}, else a bound it must lie above
 * @param exact whether {@code value} is the zxid itself
 */
record Zxid(long write, long value, boolean exact) {
  /** The zxid the server acknowledged for {@code write}. */
  static Zxid exact(long write, long value) {
    return new Zxid(write, value, true);
  }

  /** The zxid of {@code write}, not acknowledged (or acknowledged without a zxid). */
  static Zxid above(long write, long bound) {
    return new Zxid(write, bound, false);
  }

  /** Whether {@code observed} can be this zxid. */
  boolean admits(long observed) {
    return exact ? observed == value : observed > value;
  }

  @Override
  public String toString() {
    return (exact ? "0x" : "> 0x") + Long.toHexString(value) + " (write #" + write + ")";
  }
}

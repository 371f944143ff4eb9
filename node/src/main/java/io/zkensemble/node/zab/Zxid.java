package io.zkensemble.node.zab;

/** A zxid is the epoch in its high 32 bits and a counter within the epoch in its low 32 bits. */
public final class Zxid {
  private Zxid() {}

  public static long make(long epoch, long counter) {
    return (epoch << 32) | (counter & 0xffffffffL);
  }

  public static long epoch(long zxid) {
    return zxid >> 32;
  }

  public static long counter(long zxid) {
    return zxid & 0xffffffffL;
  }

  /** The zxid a leader of {@code epoch} starts from, before its first proposal. */
  public static boolean isEpochStart(long zxid) {
    return counter(zxid) == 0;
  }

  public static String hex(long zxid) {
    return "0x" + Long.toHexString(zxid);
  }
}

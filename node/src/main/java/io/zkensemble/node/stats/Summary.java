package io.zkensemble.node.stats;

import java.util.Arrays;

/**
 * Count, sum, min, max and a log-linear histogram of non-negative values (milliseconds, bytes), for
 * Apache's summaries: mntr's avg/min/max/cnt/sum and p50..p999, Prometheus' quantiles. Recording is
 * a few array and field updates, no allocation; the class is not thread-safe: one thread records
 * (the pipeline's, the log's), and readers take a {@link #snapshot} on that thread or under the
 * owner's lock.
 */
public final class Summary {
  /** Values below this are counted exactly. */
  private static final int EXACT = 32;

  /** log2(EXACT): the first power of two counted in sub-buckets. */
  private static final int EXACT_BITS = 5;

  /** Each power of two above EXACT is split in 2^3 = 8 buckets: an error of at most 12.5%. */
  private static final int SUB_BITS = 3;

  private static final int SUBS = 1 << SUB_BITS;

  /** Enough buckets for any long: powers 2^5 .. 2^62. */
  private static final int BUCKETS = EXACT + (Long.SIZE - 1 - EXACT_BITS) * SUBS;

  private final long[] buckets = new long[BUCKETS];
  private long count;
  private long sum;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  public void record(long value) {
    long v = Math.max(0, value);
    buckets[index(v)]++;
    count++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  public void reset() {
    Arrays.fill(buckets, 0);
    count = 0;
    sum = 0;
    min = Long.MAX_VALUE;
    max = Long.MIN_VALUE;
  }

  public Snapshot snapshot() {
    return new Snapshot(count, sum, count == 0 ? 0 : min, count == 0 ? 0 : max, buckets.clone());
  }

  static int index(long value) {
    if (value < EXACT) {
      return (int) value;
    }
    int power = Long.SIZE - 1 - Long.numberOfLeadingZeros(value);
    int sub = (int) (value >>> (power - SUB_BITS)) & (SUBS - 1);
    return EXACT + (power - EXACT_BITS) * SUBS + sub;
  }

  /** The largest value bucket {@code index} holds. */
  static long upperBound(int index) {
    if (index < EXACT) {
      return index;
    }
    int power = (index - EXACT) / SUBS + EXACT_BITS;
    long sub = (index - EXACT) % SUBS;
    long width = 1L << (power - SUB_BITS);
    return ((SUBS + sub) << (power - SUB_BITS)) + width - 1;
  }

  /** A summary at one instant, safe to read on any thread. */
  public record Snapshot(long count, long sum, long min, long max, long[] buckets) {
    public static final Snapshot EMPTY = new Summary().snapshot();

    /** The mean, rounded to four decimals as Apache's AvgMinMaxCounter.getAvg does. */
    public double avg() {
      return count == 0 ? 0 : Math.round(10_000.0 * sum / count) / 10_000.0;
    }

    /**
     * The value below which a fraction {@code q} of the values fall, to the histogram's precision
     * (never above the largest value seen); 0 when empty.
     */
    public long quantile(double q) {
      if (count == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(q * count);
      long seen = 0;
      for (int i = 0; i < buckets.length; i++) {
        seen += buckets[i];
        if (seen >= rank && buckets[i] > 0) {
          return Math.min(upperBound(i), max);
        }
      }
      return max;
    }
  }
}

package io.zkensemble.node.request;

/** Request counters and latency in milliseconds, as Apache's ServerStats reports them in srvr. */
final class RequestStats {
  private long received;
  private long sent;
  private long latencyCount;
  private long latencyTotal;
  private long latencyMin = Long.MAX_VALUE;
  private long latencyMax;

  void countReceived() {
    received++;
  }

  void countSent() {
    sent++;
  }

  void completed(ClientRequest request) {
    long millis = (System.nanoTime() - request.receivedNanos()) / 1_000_000;
    latencyCount++;
    latencyTotal += millis;
    latencyMin = Math.min(latencyMin, millis);
    latencyMax = Math.max(latencyMax, millis);
  }

  long received() {
    return received;
  }

  long sent() {
    return sent;
  }

  long minLatency() {
    return latencyCount == 0 ? 0 : latencyMin;
  }

  /** The mean, rounded to four decimals as Apache's AvgMinMaxCounter.getAvg does. */
  double avgLatency() {
    if (latencyCount == 0) {
      return 0;
    }
    return Math.round(10_000.0 * latencyTotal / latencyCount) / 10_000.0;
  }

  long maxLatency() {
    return latencyMax;
  }
}

package io.zkensemble.node.request;

import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.wire.OpCode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request counters and latency in milliseconds, as Apache's ServerStats reports them in srvr and
 * its ServerMetrics in mntr (readlatency, updatelatency), and per operation (ours, on /q/metrics
 * only, where it leaves Apache's outputs as they are). Owned by the pipeline's thread: each
 * answered request costs a few field updates, no allocation and no lock.
 */
final class RequestStats {
  private long received;
  private long sent;
  private final Summary latency = new Summary();
  private final Summary readLatency = new Summary();
  private final Summary updateLatency = new Summary();

  /** Per op code, created at its first request (Integer keys of op codes are cached boxes). */
  private final Map<Integer, Summary> latencyByOp = new TreeMap<>();

  void countReceived() {
    received++;
  }

  void countSent() {
    sent++;
  }

  /** Records the request's latency (reads and writes apart, as Apache does); returns it in ms. */
  long completed(ClientRequest request, long nowNanos) {
    long millis = (nowNanos - request.receivedNanos()) / 1_000_000;
    latency.record(millis);
    (WritePreparer.isWrite(request.type()) ? updateLatency : readLatency).record(millis);
    latencyByOp.computeIfAbsent(request.type(), type -> new Summary()).record(millis);
    return millis;
  }

  /** srst: Apache's ServerStats.reset clears the counters and the latency, not the metrics. */
  void reset() {
    received = 0;
    sent = 0;
    latency.reset();
  }

  long received() {
    return received;
  }

  long sent() {
    return sent;
  }

  Summary.Snapshot latency() {
    return latency.snapshot();
  }

  Summary.Snapshot readLatency() {
    return readLatency.snapshot();
  }

  Summary.Snapshot updateLatency() {
    return updateLatency.snapshot();
  }

  /** Latency by operation name (Apache's OpCode names), for the operations seen so far. */
  Map<String, Summary.Snapshot> latencyByOp() {
    Map<String, Summary.Snapshot> byName = new TreeMap<>();
    latencyByOp.forEach((type, summary) -> byName.put(OpCode.name(type), summary.snapshot()));
    return byName;
  }
}

package io.zkensemble.node.admin;

import io.zkensemble.node.Version;
import io.zkensemble.node.quorum.QuorumFacts;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.request.ServerView;
import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.zab.PeerState;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every value Apache's mntr, monitor command and Prometheus endpoint show, collected at one instant
 * on the pipeline's thread: text values, gauges, counters and summaries, under Apache's names.
 * Values this node does not measure are what an idle Apache server shows (0, or -1 for the client
 * response sizes).
 *
 * @param text version, server_state, peer_state and the like, in Apache's order
 * @param gauges gauge values (Long or Double)
 * @param counters counter values
 * @param summaries each summary with whether it is ADVANCED (quantiles)
 * @param latencyByOp request latency in ms per operation (ours: /q/metrics only)
 * @param followerLag leader: proposals each follower has not acknowledged yet (ours: /q/metrics)
 */
public record MonitorValues(
    Map<String, String> text,
    Map<String, Number> gauges,
    Map<String, Long> counters,
    List<NamedSummary> summaries,
    Map<String, Summary.Snapshot> latencyByOp,
    Map<Long, Integer> followerLag) {

  /** A summary under its Apache name. */
  public record NamedSummary(String name, boolean advanced, Summary.Snapshot values) {}

  /** Apache's ServerStats: -1 until a response was sent; this node does not measure them. */
  private static final long NO_RESPONSE_SIZE = -1;

  /** The gauges only a leader has: a follower that becomes leader starts reporting them. */
  public static List<String> leaderGauges() {
    return ApacheMetrics.LEADER_GAUGES;
  }

  /** Collects on the pipeline's thread; null while the server does not serve (mntr says so). */
  static MonitorValues collect(ServerView view, NodeStatus status) {
    RequestPipeline.Figures figures = view.figures();
    if (!figures.serving()) {
      return null;
    }
    QuorumFacts quorum = status.quorum();
    Map<String, String> text = new LinkedHashMap<>();
    text.put("version", Version.FULL);
    text.put("server_state", figures.mode());
    if (quorum != null) {
      text.put("peer_state", quorum.peerState());
      if (quorum.state() == PeerState.OBSERVING) {
        text.put("observer_master_id", Long.toString(quorum.leader()));
      }
    }
    Map<String, Number> gauges = new LinkedHashMap<>();
    Map<String, Number> measured = new HashMap<>();
    measured.put("ephemerals_count", (long) view.ephemeralCount());
    measured.put("num_alive_connections", (long) status.connections());
    measured.put("avg_latency", figures.avgLatency());
    measured.put("outstanding_requests", (long) figures.outstanding());
    measured.put("znode_count", (long) figures.nodeCount());
    measured.put("global_sessions", (long) view.globalSessionCount());
    measured.put("packets_sent", figures.sent());
    measured.put("packets_received", figures.received());
    measured.put("watch_count", (long) view.watchCount());
    measured.put("min_latency", figures.minLatency());
    measured.put("max_latency", figures.maxLatency());
    measured.put("approximate_data_size", view.approximateDataSize());
    measured.put("uptime", status.uptimeMillis());
    measured.put("connection_drop_probability", 0.0);
    measured.put("last_client_response_size", NO_RESPONSE_SIZE);
    measured.put("min_client_response_size", NO_RESPONSE_SIZE);
    measured.put("max_client_response_size", NO_RESPONSE_SIZE);
    putFileDescriptors(measured);
    for (String name : ApacheMetrics.GAUGES) {
      gauges.put(name, measured.getOrDefault(name, 0L));
    }
    if (quorum != null) {
      gauges.put("quorum_size", (long) quorum.voters());
      if (quorum.state() == PeerState.LEADING) {
        putLeaderGauges(gauges, quorum);
      }
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    ApacheMetrics.COUNTERS.forEach(name -> counters.put(name, 0L));
    List<NamedSummary> summaries = new ArrayList<>();
    Summary.Snapshot fsync = status.fsyncTimes();
    for (String name : ApacheMetrics.BASIC_SUMMARIES) {
      summaries.add(
          new NamedSummary(name, false, name.equals("fsynctime") ? fsync : Summary.Snapshot.EMPTY));
    }
    for (String name : ApacheMetrics.ADVANCED_SUMMARIES) {
      Summary.Snapshot values =
          switch (name) {
            case "readlatency" -> view.readLatency();
            case "updatelatency" -> view.updateLatency();
            case "quorum_ack_latency" ->
                quorum != null ? quorum.quorumAckLatency() : Summary.Snapshot.EMPTY;
            default -> Summary.Snapshot.EMPTY;
          };
      summaries.add(new NamedSummary(name, true, values));
    }
    return new MonitorValues(
        text,
        gauges,
        counters,
        summaries,
        view.latencyByOp(),
        quorum == null ? Map.of() : quorum.followerLag());
  }

  private static void putLeaderGauges(Map<String, Number> gauges, QuorumFacts quorum) {
    gauges.put("learners", (long) quorum.learners());
    gauges.put("synced_followers", (long) quorum.syncedFollowers());
    gauges.put("synced_non_voting_followers", 0L);
    gauges.put("synced_observers", (long) quorum.syncedObservers());
    gauges.put("pending_syncs", 0L);
    gauges.put(
        "leader_uptime",
        quorum.servingSinceNanos() < 0
            ? 0L
            : (System.nanoTime() - quorum.servingSinceNanos()) / 1_000_000);
    gauges.put("last_proposal_size", quorum.lastProposalSize());
    gauges.put("max_proposal_size", quorum.maxProposalSize());
    gauges.put("min_proposal_size", quorum.minProposalSize());
  }

  /** Open and maximum file descriptors where the JVM tells them (Unix), as Apache reports them. */
  private static void putFileDescriptors(Map<String, Number> values) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      values.put("open_file_descriptor_count", unix.getOpenFileDescriptorCount());
      values.put("max_file_descriptor_count", unix.getMaxFileDescriptorCount());
    }
  }

  /** mntr's lines: zk_ key, a tab, the value; summaries as Apache's default provider dumps them. */
  String mntr() {
    StringBuilder out = new StringBuilder();
    text.forEach((name, value) -> line(out, name, value));
    gauges.forEach((name, value) -> line(out, name, number(value)));
    counters.forEach((name, value) -> line(out, name, Long.toString(value)));
    for (NamedSummary summary : summaries) {
      Summary.Snapshot s = summary.values();
      String name = summary.name();
      line(out, "avg_" + name, Double.toString(s.avg()));
      line(out, "min_" + name, Long.toString(s.min()));
      line(out, "max_" + name, Long.toString(s.max()));
      line(out, "cnt_" + name, Long.toString(s.count()));
      line(out, "sum_" + name, Long.toString(s.sum()));
      if (summary.advanced()) {
        line(out, "p50_" + name, Long.toString(s.quantile(0.5)));
        line(out, "p95_" + name, Long.toString(s.quantile(0.95)));
        line(out, "p99_" + name, Long.toString(s.quantile(0.99)));
        line(out, "p999_" + name, Long.toString(s.quantile(0.999)));
      }
    }
    return out.toString();
  }

  /** Apache's MonitorCommand prints Long and Integer as integers, other numbers as doubles. */
  static String number(Number value) {
    return value instanceof Long || value instanceof Integer
        ? value.toString()
        : Double.toString(value.doubleValue());
  }

  private static void line(StringBuilder out, String name, String value) {
    out.append("zk_").append(name).append('\t').append(value).append('\n');
  }
}

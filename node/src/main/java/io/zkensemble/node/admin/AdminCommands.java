package io.zkensemble.node.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zkensemble.node.Version;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.config.QuorumServer;
import io.zkensemble.node.quorum.QuorumFacts;
import io.zkensemble.node.request.ConnectionView;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.request.ServerView;
import io.zkensemble.node.storage.DataFiles;
import io.zkensemble.node.zab.PeerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commands of Apache ZooKeeper 3.9.5's AdminServer (admin/Commands.java), each answering a JSON
 * object of Apache's shape built by hand (no reflection). Those reading the server's state run on
 * the pipeline's thread through a {@link ServerView}; the rest anywhere.
 */
public final class AdminCommands {
  /** Apache's error for a command that needs a serving server. */
  static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";

  private final NodeStatus status;
  private final String initialConfiguration;

  /**
   * @param initialConfiguration the zoo.cfg text the node started with (initial_configuration)
   */
  public AdminCommands(NodeStatus status, String initialConfiguration) {
    this.status = status;
    this.initialConfiguration = initialConfiguration;
  }

  /** Whether {@code command} reads the pipeline's state (and so runs on its thread). */
  static boolean needsView(String command) {
    return switch (command) {
      case "environment",
          "get_trace_mask",
          "initial_configuration",
          "ruok",
          "system_properties",
          "configuration",
          "dirs",
          "last_snapshot",
          "voting_view",
          "observer_connection_stat_reset",
          "hash" ->
          false;
      default -> true;
    };
  }

  /** A command that needs no server state; null for one that does. */
  JsonObject answer(String command, Map<String, String> params) {
    JsonObject out = new JsonObject();
    switch (command) {
      case "environment" -> Environment.entries().forEach(out::put);
      case "get_trace_mask" -> out.put("tracemask", TraceMask.get());
      case "initial_configuration" -> out.put("initial_configuration", initialConfiguration);
      case "ruok", "observer_connection_stat_reset" -> {}
      case "system_properties" ->
          new TreeMap<>(System.getProperties())
              .forEach((key, value) -> out.put(key.toString(), value.toString()));
      case "configuration" -> configuration(out);
      case "dirs" ->
          out.put("datadir_size", NodeStatus.size(status.snapDir()))
              .put("logdir_size", NodeStatus.size(status.logDir()));
      case "last_snapshot" -> lastSnapshot(out);
      case "voting_view" -> out.put("current_config", votingView());
      // Apache lists its recent tree digests; this node keeps none.
      case "hash" -> out.put("digests", new JsonArray());
      default -> throw new IllegalArgumentException(command);
    }
    return out;
  }

  /** A command that reads the server's state, on the pipeline's thread. */
  JsonObject answer(String command, Map<String, String> params, ServerView view) {
    RequestPipeline.Figures figures = view.figures();
    JsonObject out = new JsonObject();
    QuorumFacts quorum = status.quorum();
    if (command.equals("zabstate")) {
      zabState(out, quorum, figures);
      return out;
    }
    if (command.equals("leader")) {
      return leader(quorum);
    }
    if (!figures.serving()) {
      return null;
    }
    switch (command) {
      case "connections" ->
          out.put("connections", connections(view, false))
              .put("secure_connections", new JsonArray());
      case "connection_stat_reset" -> view.resetConnectionStats();
      case "stat_reset" -> view.resetServerStats();
      case "dump" -> dump(out, view);
      case "is_read_only" -> out.put("read_only", "read-only".equals(figures.mode()));
      case "monitor" -> monitor(out, MonitorValues.collect(view, status));
      case "observers" ->
          out.put("synced_observers", quorum == null ? 0 : quorum.syncedObservers())
              .put("observers", new JsonArray());
      case "server_stats" -> serverStats(out, view, figures);
      case "stats" -> {
        serverStats(out, view, figures);
        out.put("connections", connections(view, true)).put("secure_connections", new JsonArray());
      }
      case "set_trace_mask" -> {
        String mask = params.get("traceMask");
        try {
          long value = Long.parseLong(mask);
          TraceMask.set(value);
          out.put("tracemask", value);
        } catch (NumberFormatException e) {
          out.put("error", "setTraceMask requires long traceMask argument");
        }
      }
      case "watch_summary" ->
          out.put("num_connections", view.watchingConnections())
              .put("num_paths", view.dataWatchesByPath().size())
              .put("num_total_watches", view.dataWatches());
      case "watches" -> {
        JsonObject bySession = new JsonObject();
        view.dataWatchesBySession()
            .forEach(
                (id, paths) -> bySession.put(id.toString(), new JsonArray(List.copyOf(paths))));
        out.put("session_id_to_watched_paths", bySession);
      }
      case "watches_by_path" -> {
        JsonObject byPath = new JsonObject();
        view.dataWatchesByPath()
            .forEach((path, ids) -> byPath.put(path, new JsonArray(List.copyOf(ids))));
        out.put("path_to_session_ids", byPath);
      }
      default -> throw new IllegalArgumentException(command);
    }
    return out;
  }

  private void configuration(JsonObject out) {
    NodeConfig config = status.config();
    out.put("client_port", status.clientPort())
        .put("data_dir", status.snapDir().toString())
        .put("data_log_dir", status.logDir().toString())
        .put("tick_time", config.tickTime())
        .put("max_client_cnxns", config.maxClientCnxns())
        .put("min_session_timeout", config.minSessionTimeout())
        .put("max_session_timeout", config.maxSessionTimeout())
        .put("server_id", config.myid())
        // Apache's default backlog: -1, the operating system's.
        .put("client_port_listen_backlog", -1);
  }

  /** The newest snapshot: its zxid in hex and its time in seconds, as Apache's LastSnapshot. */
  private void lastSnapshot(JsonObject out) {
    List<Path> snapshots = DataFiles.snapshots(status.snapDir());
    if (snapshots.isEmpty()) {
      out.put("zxid", "0").put("timestamp", 0);
      return;
    }
    Path newest = snapshots.get(0);
    long seconds;
    try {
      seconds = Files.getLastModifiedTime(newest).toMillis() / 1000;
    } catch (IOException e) {
      seconds = 0;
    }
    out.put("zxid", Long.toHexString(DataFiles.snapshotZxid(newest))).put("timestamp", seconds);
  }

  /** The voting members as Apache's VotingViewCommand shows them; empty when standalone. */
  private JsonObject votingView() {
    JsonObject members = new JsonObject();
    NodeConfig config = status.config();
    QuorumConfig quorum = status.quorumConfig();
    if (quorum == null) {
      return members;
    }
    for (QuorumServer server : quorum.servers()) {
      if (server.observer()) {
        continue;
      }
      boolean self = server.id() == config.myid();
      members.put(
          Long.toString(server.id()),
          new JsonObject()
              .put(
                  "server_addresses",
                  new JsonArray().add(server.host() + ":" + server.quorumPort()))
              .put(
                  "election_addresses",
                  new JsonArray().add(server.host() + ":" + server.electionPort()))
              // Apache knows only its own client address.
              .put(
                  "client_address",
                  self ? hostPort(config.clientAddress().getHostString(), status.clientPort()) : "")
              .put("learner_type", "participant"));
    }
    return members;
  }

  private static String hostPort(String host, int port) {
    return ("0.0.0.0".equals(host) || host.isEmpty() ? "0.0.0.0" : host) + ":" + port;
  }

  private JsonObject leader(QuorumFacts quorum) {
    if (quorum == null) {
      // Apache's answer when there is no QuorumPeer: an error, not null.
      return new JsonObject().put("error", "server is not initialized");
    }
    JsonObject out = new JsonObject().put("is_leader", quorum.state() == PeerState.LEADING);
    if (quorum.leader() != -1) {
      QuorumServer leader = status.quorumConfig().server(quorum.leader());
      out.put("leader_id", quorum.leader()).put("leader_ip", leader == null ? "" : leader.host());
    }
    return out;
  }

  private void zabState(JsonObject out, QuorumFacts quorum, RequestPipeline.Figures figures) {
    if (quorum == null) {
      out.put("voting", false).put("zabstate", "");
      return;
    }
    QuorumServer self = status.config().quorum().self();
    out.put("myid", quorum.myId())
        .put("is_leader", quorum.state() == PeerState.LEADING)
        .put("quorum_address", address(self.host(), self.quorumPort()))
        .put("election_address", address(self.host(), self.electionPort()))
        .put(
            "client_address",
            hostPort(status.config().clientAddress().getHostString(), status.clientPort()))
        .put("voting", !quorum.observer())
        .put("last_zxid", "0x" + Long.toHexString(figures.lastZxid()))
        .put("zab_epoch", figures.lastZxid() >>> 32)
        .put("zab_counter", figures.lastZxid() & 0xffffffffL)
        .put("zabstate", zabPhase(quorum));
  }

  /** Apache's QuorumPeer.ZabState names. */
  private static String zabPhase(QuorumFacts quorum) {
    if (quorum.state() == PeerState.LOOKING) {
      return "election";
    }
    return quorum.serving() ? "broadcast" : "synchronization";
  }

  /** Apache's MultipleAddresses as Jackson renders it. */
  private static JsonObject address(String host, int port) {
    String one = host + ":" + port;
    return new JsonObject()
        .put("empty", false)
        .put("one", one)
        .put("wildcard_addresses", new JsonArray().add("0.0.0.0:" + port))
        .put("all_ports", new JsonArray().add(port))
        .put("all_host_strings", new JsonArray().add(host))
        .put("reachable_address", one)
        .put("all_reachable_addresses", new JsonArray().add(one))
        .put("all_reachable_addresses_or_all", new JsonArray().add(one))
        .put("reachable_or_one", one)
        .put("all_addresses", new JsonArray().add(one));
  }

  private static JsonArray connections(ServerView view, boolean brief) {
    JsonArray connections = new JsonArray();
    for (ConnectionView c : view.connections()) {
      JsonObject info =
          new JsonObject()
              .put("remote_socket_address", c.remote())
              // Apache's SelectionKey.OP_READ: the connection is read from.
              .put("interest_ops", 1)
              .put("outstanding_requests", c.queued())
              .put("packets_received", c.received())
              .put("packets_sent", c.sent());
      if (!brief) {
        info.put("session_id", c.sessionId())
            .put("last_operation", c.lastOp())
            .put("established", c.established())
            .put("session_timeout", c.timeout())
            .put("last_cxid", c.lastCxid())
            .put("last_zxid", c.lastZxid())
            .put("last_response_time", c.lastResponseMillis())
            .put("last_latency", c.lastLatency())
            .put("min_latency", c.minLatency())
            .put("avg_latency", c.avgLatency())
            .put("max_latency", c.maxLatency());
      }
      connections.add(info);
    }
    return connections;
  }

  private static void dump(JsonObject out, ServerView view) {
    JsonObject expiry = new JsonObject();
    view.sessionsByExpiry()
        .forEach((time, ids) -> expiry.put(time.toString(), new JsonArray(List.copyOf(ids))));
    JsonObject ephemerals = new JsonObject();
    view.ephemerals()
        .forEach((id, paths) -> ephemerals.put(id.toString(), new JsonArray(List.copyOf(paths))));
    out.put("expiry_time_to_session_ids", expiry).put("session_id_to_ephemeral_paths", ephemerals);
  }

  /** Apache's MonitorCommand: mntr's values without the zk_ prefix, numbers as numbers. */
  private static void monitor(JsonObject out, MonitorValues values) {
    values.text().forEach(out::put);
    values.gauges().forEach(out::put);
    values.counters().forEach(out::put);
    for (MonitorValues.NamedSummary summary : values.summaries()) {
      String name = summary.name();
      out.put("avg_" + name, summary.values().avg())
          .put("min_" + name, summary.values().min())
          .put("max_" + name, summary.values().max())
          .put("cnt_" + name, summary.values().count())
          .put("sum_" + name, summary.values().sum());
      if (summary.advanced()) {
        out.put("p50_" + name, summary.values().quantile(0.5))
            .put("p95_" + name, summary.values().quantile(0.95))
            .put("p99_" + name, summary.values().quantile(0.99))
            .put("p999_" + name, summary.values().quantile(0.999));
      }
    }
  }

  /** Apache's SrvrCommand: the server's ServerStats and its node count. */
  private void serverStats(JsonObject out, ServerView view, RequestPipeline.Figures figures) {
    long dataSize = NodeStatus.size(status.snapDir());
    long logSize = NodeStatus.size(status.logDir());
    // -1: no response measured, as Apache's BufferStats before its first response.
    JsonObject responses =
        new JsonObject()
            .put("last_buffer_size", -1)
            .put("min_buffer_size", -1)
            .put("max_buffer_size", -1);
    JsonObject stats =
        new JsonObject()
            .put("packets_sent", figures.sent())
            .put("packets_received", figures.received())
            .put("fsync_threshold_exceed_count", 0)
            .put("client_response_stats", responses.copy())
            .put("data_dir_size", dataSize)
            .put("log_dir_size", logSize)
            .put("last_processed_zxid", figures.lastZxid())
            .put("outstanding_requests", figures.outstanding())
            .put("server_state", figures.mode())
            .put("avg_latency", figures.avgLatency())
            .put("max_latency", figures.maxLatency())
            .put("min_latency", figures.minLatency())
            .put("num_alive_client_connections", status.connections())
            .put("uptime", status.uptimeMillis())
            .put("auth_failed_count", 0)
            .put("non_mtlsremote_conn_count", 0)
            .put("non_mtlslocal_conn_count", 0)
            .put("provider_null", false);
    out.put("version", Version.FULL)
        .put("read_only", "read-only".equals(figures.mode()))
        .put("server_stats", stats)
        .put("client_response", responses)
        .put("node_count", figures.nodeCount());
  }
}

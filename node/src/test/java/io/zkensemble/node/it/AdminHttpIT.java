package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.zkensemble.node.testing.ApacheNode;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.FourLetterWord;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.metrics.impl.DefaultMetricsProvider;
import org.apache.zookeeper.server.ServerMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged node's HTTP side as operators use it: Apache's AdminServer commands on
 * admin.serverPort, SmallRye Health and Micrometer's Prometheus scrape on the same port, and, with
 * Apache's PrometheusMetricsProvider configured, Apache's /metrics on metricsProvider.httpPort with
 * every metric name Apache 3.9.5 exports.
 */
class AdminHttpIT {
  /** A summary's mntr keys: avg_, min_, ... before its name. */
  private static final Pattern SUMMARY_KEY =
      Pattern.compile("zk_(?:avg|min|max|cnt|sum|p50|p95|p99|p999)_(.+)");

  /** mntr's text values, which no metrics provider exports. */
  private static final Set<String> TEXT_KEYS =
      Set.of("zk_version", "zk_server_state", "zk_peer_state", "zk_observer_master_id");

  @TempDir Path dir;

  @Test
  void commandsHealthAndBothScrapesOnTheirPorts() throws Exception {
    int clientPort = Loopback.freePort();
    int adminPort = Loopback.freePort();
    int metricsPort = Loopback.freePort();
    Path cfg =
        ZooCfgFile.standalone(
            dir,
            clientPort,
            "admin.serverPort=" + adminPort,
            "admin.serverAddress=" + Loopback.HOST,
            "metricsProvider.className="
                + "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider",
            "metricsProvider.httpPort=" + metricsPort,
            "4lw.commands.whitelist=*");
    try (NodeProcess node = NodeProcess.start(dir, cfg.toString())) {
      node.awaitServing(clientPort);
      // Ready once the node runs: its client port may answer a moment before.
      await()
          .atMost(NodeProcess.DEADLINE)
          .until(() -> get(adminPort, "/q/health/ready").status() == 200);

      Http commands = get(adminPort, "/commands");
      assertEquals(200, commands.status());
      assertTrue(
          commands.body().contains("<a href=\"/commands/monitor\">monitor</a>"), commands.body());
      JsonObject ruok = new JsonObject(get(adminPort, "/commands/ruok").body());
      assertEquals(new JsonObject().put("command", "ruok").putNull("error"), ruok);
      JsonObject srvr = new JsonObject(get(adminPort, "/commands/srvr").body());
      assertEquals("server_stats", srvr.getString("command"));
      assertEquals("standalone", srvr.getJsonObject("server_stats").getString("server_state"));
      assertEquals(401, get(adminPort, "/commands/snapshot").status());

      assertEquals(200, get(adminPort, "/q/health/live").status());
      assertEquals(
          "UP", new JsonObject(get(adminPort, "/q/health/ready").body()).getString("status"));

      String micrometer = get(adminPort, "/q/metrics").body();
      assertTrue(micrometer.contains("\nznode_count "), micrometer);
      // Ours beside Apache's names: latency per operation (meters refreshed every second).
      try (ZooKeeper client = Clients.connect("127.0.0.1:" + clientPort, 30_000, event -> {})) {
        client.create("/timed", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      await()
          .atMost(NodeProcess.DEADLINE)
          .until(
              () ->
                  get(adminPort, "/q/metrics")
                      .body()
                      .contains("request_latency_ms_count{op=\"create\""));

      Set<String> ours = families(get(metricsPort, "/metrics").body());
      assertEquals(apacheFamilies(), ours);
    }
  }

  /** The metric families Apache 3.9.5 exports, from a live standalone server's mntr keys. */
  private static Set<String> apacheFamilies() throws Exception {
    ServerMetrics.metricsProviderInitialized(new DefaultMetricsProvider());
    System.setProperty("zookeeper.4lw.commands.whitelist", "*");
    try (ApacheNode apache = ApacheNode.start(2000)) {
      Set<String> families = new TreeSet<>();
      for (String line : FourLetterWord.ask(apache.port(), "mntr").lines().toList()) {
        String key = line.substring(0, line.indexOf('\t'));
        if (TEXT_KEYS.contains(key) || key.endsWith("_per_namespace")) {
          continue;
        }
        Matcher summary = SUMMARY_KEY.matcher(key);
        families.add(
            summary.matches() && !isGaugeNamedLikeASummary(key)
                ? summary.group(1)
                : key.substring(3));
      }
      return families;
    } finally {
      System.clearProperty("zookeeper.4lw.commands.whitelist");
    }
  }

  /** Gauges whose names start like a summary's keys (avg_latency, max_file_descriptor_count...). */
  private static boolean isGaugeNamedLikeASummary(String key) {
    return Set.of(
            "zk_avg_latency",
            "zk_min_latency",
            "zk_max_latency",
            "zk_max_file_descriptor_count",
            "zk_max_client_response_size",
            "zk_min_client_response_size")
        .contains(key);
  }

  private static Set<String> families(String prometheusText) {
    Set<String> families = new TreeSet<>();
    for (String line : prometheusText.lines().toList()) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.split(" ")[2]);
      }
    }
    return families;
  }

  private record Http(int status, String body) {}

  private static Http get(int port, String path) throws IOException {
    HttpURLConnection http =
        (HttpURLConnection)
            URI.create("http://" + Loopback.HOST + ":" + port + path).toURL().openConnection();
    int status = http.getResponseCode();
    try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
      return new Http(
          status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}

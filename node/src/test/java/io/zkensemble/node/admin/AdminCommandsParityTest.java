package io.zkensemble.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.zkensemble.node.testing.ApacheNode;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.metrics.impl.DefaultMetricsProvider;
import org.apache.zookeeper.server.ServerMetrics;
import org.apache.zookeeper.server.admin.JettyAdminServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every admin command of a standalone node against Apache ZooKeeper 3.9.5's AdminServer in the same
 * situation: the same HTTP status and the same JSON shape (keys and kinds of values).
 */
class AdminCommandsParityTest {
  /** Objects whose keys are data (session ids, times, paths, property names), not fields. */
  private static final Set<String> KEYED_BY_DATA =
      Set.of(
          "expiry_time_to_session_ids",
          "session_id_to_ephemeral_paths",
          "session_id_to_watched_paths",
          "path_to_session_ids");

  private static TestNode ours;
  private static ApacheNode apache;
  private static JettyAdminServer apacheAdmin;
  private static int apacheAdminPort;
  private static AdminEndpoint ourAdmin;
  private static ZooKeeper ourClient;
  private static ZooKeeper apacheClient;

  @BeforeAll
  static void start() throws Exception {
    // What ZooKeeperServerMain does at start: metrics on Apache's default provider (monitor's).
    ServerMetrics.metricsProviderInitialized(new DefaultMetricsProvider());
    ours = TestNode.start("tickTime=2000");
    apache = ApacheNode.start(2000);
    try (ServerSocket socket = new ServerSocket(0)) {
      apacheAdminPort = socket.getLocalPort();
    }
    System.setProperty("zookeeper.admin.serverPort", Integer.toString(apacheAdminPort));
    System.setProperty("zookeeper.admin.serverAddress", "127.0.0.1");
    apacheAdmin = new JettyAdminServer();
    apacheAdmin.setZooKeeperServer(apache.server());
    apacheAdmin.start();
    ourAdmin =
        new AdminEndpoint(
            ours.node().pipeline(),
            new AdminCommands(ours.node().status(), "tickTime=2000\n"),
            ours.node()::transferLeadership);
    ourClient = Clients.connect(ours);
    apacheClient = Clients.connect(apache);
    for (ZooKeeper client : List.of(ourClient, apacheClient)) {
      client.create("/a", "x".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      client.create("/e", "x".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      client.getData("/a", true, null);
      client.addWatch("/p", AddWatchMode.PERSISTENT_RECURSIVE);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    ourClient.close();
    apacheClient.close();
    apacheAdmin.shutdown();
    ours.close();
    apache.close();
    System.clearProperty("zookeeper.admin.serverPort");
    System.clearProperty("zookeeper.admin.serverAddress");
  }

  @Test
  void everyCommandHasApachesStatusAndShape() throws Exception {
    List<String> commands =
        List.of(
            "configuration",
            "connections",
            "dirs",
            "dump",
            "get_trace_mask",
            "hash",
            "is_read_only",
            "last_snapshot",
            "leader",
            "observers",
            "ruok",
            "server_stats",
            "stats",
            "voting_view",
            "watch_summary",
            "watches",
            "watches_by_path",
            "zabstate",
            "snapshot",
            "restore",
            "set_trace_mask",
            "stat_reset",
            "connection_stat_reset",
            "observer_connection_stat_reset",
            "initial_configuration",
            "monitor");
    for (String command : commands) {
      Answer theirs = apache(command);
      AdminEndpoint.Response mine = ours(command);
      assertEquals(theirs.status(), mine.status(), command);
      assertEquals(shape(theirs.body()), shape(mine.body()), command);
    }
  }

  @Test
  void shortNamesAnswerUnderTheCommandsName() throws Exception {
    for (String alias : List.of("conf", "cons", "srvr", "stat", "wchc", "wchp", "wchs", "isro")) {
      assertEquals(
          apache(alias).body().getString("command"),
          ours(alias).body().getString("command"),
          alias);
    }
  }

  @Test
  void anUnknownCommandIsAnErrorAsInApache() throws Exception {
    assertEquals(apache("nosuch").body(), ours("nosuch").body());
  }

  @Test
  void environmentAndSystemPropertiesHaveApachesKeys() throws Exception {
    assertEquals(
        apache("environment").body().fieldNames(), ours("environment").body().fieldNames());
    JsonObject theirs = apache("system_properties").body();
    JsonObject mine = ours("system_properties").body();
    // The same JVM: the same properties, read at slightly different times.
    assertEquals(theirs.fieldNames(), mine.fieldNames());
  }

  /** The shape, without Apache's per-namespace summaries (they follow its requests' paths). */
  private static Set<String> shape(JsonObject body) {
    Set<String> shape = new TreeSet<>(JsonShape.of(body, KEYED_BY_DATA));
    shape.removeIf(path -> path.contains("_per_namespace"));
    return shape;
  }

  private static AdminEndpoint.Response ours(String command) throws Exception {
    return ourAdmin
        .run(command, Map.of(), null)
        .toCompletionStage()
        .toCompletableFuture()
        .get(Clients.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private record Answer(int status, JsonObject body) {}

  private static Answer apache(String command) throws IOException {
    HttpURLConnection http =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + apacheAdminPort + "/commands/" + command)
                .toURL()
                .openConnection();
    int status = http.getResponseCode();
    try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
      return new Answer(
          status, new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }
}

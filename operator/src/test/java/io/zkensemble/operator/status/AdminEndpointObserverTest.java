package io.zkensemble.operator.status;

import static io.zkensemble.operator.api.MemberKind.PARTICIPANT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.ZkEnsemble;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real observer against a local HTTP server answering as Apache's AdminServer does. */
class AdminEndpointObserverTest {
  /** Trimmed from Apache ZooKeeper 3.9's /commands/server_stats of a leader. */
  private static final String LEADER_STATS =
      """
      {"version":"3.9.5","read_only":false,
       "server_stats":{"packets_sent":12,"packets_received":12,"server_state":"leader",
                       "last_processed_zxid":4294967300,"num_alive_client_connections":1},
       "node_count":5,"command":"server_stats","error":null}
      """;

  private HttpServer server;
  private final ZkEnsemble zk = Ensembles.zk("ns");

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        AdminEndpointObserver.COMMAND,
        exchange -> {
          byte[] body = LEADER_STATS.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    zk.getSpec().ports.admin = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsRoleAndZxidOfEveryMemberThatAnswers() {
    Pod answering = FakePods.ready(zk, PARTICIPANT, 0, "r");
    answering.getStatus().setPodIP("127.0.0.1");
    Pod withoutIp = FakePods.ready(zk, PARTICIPANT, 1, "r");
    withoutIp.getStatus().setPodIP(null);

    Map<String, MemberReport> reports =
        new AdminEndpointObserver().observe(zk, List.of(answering, withoutIp));

    assertEquals(Map.of("zk-0", new MemberReport("leader", 4294967300L)), reports);
  }

  @Test
  void aMemberThatIsNotServingHasNoReport() {
    assertEquals(
        Optional.empty(),
        AdminEndpointObserver.parse(
            new ObjectMapper()
                .createObjectNode()
                .put("command", "server_stats")
                .put("error", "This ZooKeeper instance is not currently serving requests")));
  }
}

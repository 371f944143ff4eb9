package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes with the very same zoo.cfg, every port on all interfaces, share one host because each
 * is given its own address with -Dzkensemble.wildcardAddress: how the operator's end-to-end tests
 * run pods side by side.
 */
class WildcardAddressIT {
  private static final List<String> ADDRESSES = List.of("127.0.2.1", "127.0.2.2");

  @TempDir Path dir;

  @Test
  void nodesWithOneConfigServeEachOnItsOwnAddress() throws Exception {
    int client = Loopback.freePort();
    int admin = Loopback.freePort();
    int metrics = Loopback.freePort();
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      for (String address : ADDRESSES) {
        Path home = Files.createDirectories(dir.resolve(address));
        Path cfg =
            ZooCfgFile.write(
                home,
                "tickTime=2000",
                "dataDir=" + ZooCfgFile.dataDir(home),
                "clientPort=" + client,
                "admin.serverPort=" + admin,
                "metricsProvider.className=org.apache.zookeeper.metrics.prometheus"
                    + ".PrometheusMetricsProvider",
                "metricsProvider.httpPort=" + metrics);
        nodes.add(
            NodeProcess.start(
                home, List.of("-Dzkensemble.wildcardAddress=" + address), cfg.toString()));
      }
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < ADDRESSES.size(); i++) {
        String address = ADDRESSES.get(i);
        NodeProcess node = nodes.get(i);
        node.awaitOutput("Serving /metrics on " + address);
        assertTrue(
            Loopback.srvr(address, client).orElseThrow().contains("Mode: standalone"),
            node.output());
        try (ZooKeeper zk = Clients.connect(address + ":" + client, 30_000, event -> {})) {
          zk.create("/" + address, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
          assertEquals(
              List.of(address, "zookeeper"), zk.getChildren("/", false).stream().sorted().toList());
        }
        for (String url :
            List.of(
                "http://" + address + ":" + admin + "/commands/ruok",
                "http://" + address + ":" + metrics + "/metrics")) {
          HttpResponse<String> answer =
              http.send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.ofString());
          assertEquals(200, answer.statusCode(), url);
        }
      }
      assertTrue(
          Loopback.srvr(Loopback.HOST, client).isEmpty(), "nothing listens on all interfaces");
    } finally {
      for (NodeProcess node : nodes) {
        node.close();
      }
    }
  }
}

package io.zkensemble.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.ApacheNode;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.FourLetterWord;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.ZkServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.metrics.impl.DefaultMetricsProvider;
import org.apache.zookeeper.server.ServerMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every four-letter word of a standalone node against Apache ZooKeeper 3.9.5's answer in the same
 * situation (a session with a node, an ephemeral and data, child and persistent recursive watches):
 * the same lines in the same format, volatile values (numbers, ids, dates, versions, paths) masked.
 */
class FourLetterParityTest {
  private static TestNode ours;
  private static ApacheNode apache;
  private static ZooKeeper ourClient;
  private static ZooKeeper apacheClient;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("zookeeper.4lw.commands.whitelist", "*");
    // What ZooKeeperServerMain does at start: metrics on Apache's default provider (mntr's).
    ServerMetrics.metricsProviderInitialized(new DefaultMetricsProvider());
    ours = TestNode.start("4lw.commands.whitelist=*", "tickTime=2000");
    apache = ApacheNode.start(2000);
    ourClient = Clients.connect(ours);
    apacheClient = Clients.connect(apache);
    for (ZooKeeper client : List.of(ourClient, apacheClient)) {
      client.create("/a", "x".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      client.create("/e", "x".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      client.getData("/a", true, null);
      client.exists("/b", true);
      client.getChildren("/", true);
      client.addWatch("/p", AddWatchMode.PERSISTENT_RECURSIVE);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    ourClient.close();
    apacheClient.close();
    ours.close();
    apache.close();
    System.clearProperty("zookeeper.4lw.commands.whitelist");
  }

  @Test
  void linesInApachesOrder() {
    for (String word : List.of("conf", "dirs", "srvr", "wchs", "envi")) {
      assertEquals(masked(apache, word), masked(ours, word), word);
    }
  }

  @Test
  void linesInHashOrder() {
    // Apache lists connections, sessions and watches in HashMap order: compare the lines as sets.
    for (String word : List.of("cons", "stat", "dump", "wchc", "wchp")) {
      assertEquals(sortedLines(masked(apache, word)), sortedLines(masked(ours, word)), word);
    }
  }

  @Test
  void fixedAnswers() {
    for (String word : List.of("ruok", "isro", "gtmk", "hash", "stmk")) {
      assertEquals(ask(apache, word), ask(ours, word), word);
    }
  }

  @Test
  void resetsAnswerAsApacheAndReset() {
    // The set-up sent six requests and more; after srst only a ping may have come.
    assertTrue(received(ours) >= 6);
    for (String word : List.of("srst", "crst")) {
      assertEquals(ask(apache, word), ask(ours, word), word);
    }
    assertTrue(received(ours) < 6);
  }

  private static long received(ZkServer server) {
    return ask(server, "srvr")
        .lines()
        .filter(line -> line.startsWith("Received: "))
        .mapToLong(line -> Long.parseLong(line.substring("Received: ".length())))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void mntrHasEveryKeyApachePrintsInTheSameFormat() {
    List<String[]> apacheLines = fields(ask(apache, "mntr"));
    List<String[]> ourLines = fields(ask(ours, "mntr"));
    // Apache's per-namespace summaries appear only for the namespaces its requests touched.
    Set<String> apacheKeys =
        apacheLines.stream()
            .map(line -> line[0])
            .filter(key -> !key.endsWith("_per_namespace"))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> ourKeys =
        ourLines.stream().map(line -> line[0]).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(apacheKeys, ourKeys);
    for (String[] apacheLine : apacheLines) {
      for (String[] ourLine : ourLines) {
        if (ourLine[0].equals(apacheLine[0]) && !ourLine[0].equals("zk_version")) {
          assertEquals(kind(apacheLine[1]), kind(ourLine[1]), ourLine[0]);
        }
      }
    }
  }

  @Test
  void aWordOutsideTheWhitelistIsRefusedWithApachesText() {
    // The default whitelist: neither zoo.cfg nor the system property set for Apache names one.
    System.clearProperty("zookeeper.4lw.commands.whitelist");
    try (TestNode restricted = TestNode.start()) {
      assertEquals(
          "ruok is not executed because it is not in the whitelist.\n", ask(restricted, "ruok"));
      assertTrue(ask(restricted, "srvr").startsWith("Zookeeper version: "));
    } finally {
      System.setProperty("zookeeper.4lw.commands.whitelist", "*");
    }
  }

  /** A value's shape: an integer, a decimal, or text. */
  private static String kind(String value) {
    if (value.matches("-?\\d+")) {
      return "integer";
    }
    return value.matches("-?\\d+\\.\\d+(E-?\\d+)?") ? "decimal" : "text";
  }

  private static List<String[]> fields(String mntr) {
    return mntr.lines().map(line -> line.split("\t", 2)).toList();
  }

  private static List<String> sortedLines(String text) {
    return text.lines().sorted().toList();
  }

  private static String ask(ZkServer server, String word) {
    return FourLetterWord.ask(server.port(), word);
  }

  /** The answer with what differs between two servers (and runs) masked. */
  private static String masked(ZkServer server, String word) {
    Path dir = server == ours ? ours.dataDir() : apache.dataDir();
    return ask(server, word)
        .replace(dir.toString(), "DIR")
        .replaceAll("(?m)^(Zookeeper version: |zookeeper.version=).*$", "$1V")
        .replaceAll("(?m)^(java.class.path|user.dir|os.memory.\\w+)=.*$", "$1=X")
        .replaceAll("\\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} \\w+ \\d{4}", "DATE")
        .replaceAll("0x[0-9a-f]+", "0xH")
        .replaceAll("\\d+", "N");
  }
}

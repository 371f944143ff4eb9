package io.zkensemble.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.ApacheNode;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.FourLetterWord;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.ZkServer;
import java.util.List;
import java.util.function.Function;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four-letter words tooling relies on answer as Apache ZooKeeper 3.9's do. */
class FourLetterWordsTest {
  private static TestNode ours;
  private static ApacheNode apache;

  @BeforeAll
  static void start() {
    System.setProperty("zookeeper.4lw.commands.whitelist", "*");
    ours = TestNode.start("4lw.commands.whitelist=*");
    apache = ApacheNode.start(2000);
  }

  @AfterAll
  static void stop() {
    ours.close();
    apache.close();
    // Our zoo.cfg parsing reads it too, as Apache does: leave no trace for the tests after us.
    System.clearProperty("zookeeper.4lw.commands.whitelist");
  }

  @Test
  void ruokAndIsroAnswerAsApache() {
    assertEquals("imok", ask(apache, "ruok"));
    assertEquals("imok", ask(ours, "ruok"));
    assertEquals("rw", ask(apache, "isro"));
    assertEquals("rw", ask(ours, "isro"));
  }

  @Test
  void statListsTheClientsAndTheModeAsApache() throws Exception {
    for (ZkServer server : List.of(ours, apache)) {
      try (ZooKeeper client = Clients.connect(server)) {
        client.exists("/", false);
        String stat = ask(server, "stat");
        List<String> lines = stat.lines().toList();
        assertTrue(lines.get(0).startsWith("Zookeeper version: "), stat);
        assertEquals("Clients:", lines.get(1), stat);
        assertTrue(
            lines
                .get(2)
                .matches(" /127\\.0\\.0\\.1:\\d+\\[\\d\\]\\(queued=0,recved=\\d+,sent=\\d+\\)"),
            stat);
        assertTrue(lines.contains("Mode: standalone"), stat);
        assertTrue(lines.contains("Node count: 5"), stat);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("Latency min/avg/max: ")), stat);
      }
    }
  }

  @Test
  void srvrHasTheSameLinesAsApacheWithoutClients() {
    Function<String, List<String>> keys =
        text -> text.lines().map(line -> line.substring(0, line.indexOf(':'))).toList();
    assertEquals(keys.apply(ask(apache, "srvr")), keys.apply(ask(ours, "srvr")));
  }

  private static String ask(ZkServer server, String word) {
    return FourLetterWord.ask(server.port(), word);
  }
}

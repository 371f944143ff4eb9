package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.ZkCli;
import io.zkensemble.node.testing.ZkServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * zkCli (org.apache.zookeeper.ZooKeeperMain from the 3.9.5 jar), driven non-interactively with a
 * script on its standard input as `zkCli.sh < script` would, against Apache ZooKeeper and our node:
 * the output must be the same but for times and session ids.
 */
class ZkCliTest {
  private static final String EVERYDAY =
      String.join(
          "\n",
          "create /cli root",
          "create -s -e /cli/seq- eph",
          "create -s -e /cli/seq- eph",
          "create /cli/node v1",
          "ls /cli",
          "ls -s /cli",
          "get -s /cli/node",
          "set /cli/node v2",
          "stat /cli/node",
          "get /cli/node",
          "delete /cli/node",
          "delete /cli/node",
          "ls /cli",
          "create /cli/sub x",
          "create /cli/sub/leaf y",
          "delete /cli/sub",
          "deleteall /cli",
          "ls /",
          "stat /cli",
          "quit",
          "");

  @Test
  void aZkCliSessionPrintsWhatItPrintsAgainstApache() throws Exception {
    List<String> ours = Parity.assertSameAsApache(server -> run(server, EVERYDAY));
    assertTrue(ours.contains("Created /cli/seq-0000000001"), () -> String.join("\n", ours));
    assertTrue(ours.contains("dataVersion = 1"), () -> String.join("\n", ours));
    assertTrue(ours.contains("[zookeeper]"), () -> String.join("\n", ours));
  }

  /**
   * Quotas through zkCli: setquota writes the limit and stat nodes under /zookeeper/quota, the
   * server keeps the stats up to date, listquota reads them back. Soft limits only warn.
   */
  private static final String QUOTAS =
      String.join(
          "\n",
          "create /q root",
          "create /q/a 12345",
          "setquota -n 3 /q",
          "listquota /q",
          "create /q/b b",
          "create /q/c c",
          "set /q/a 1",
          "listquota /q",
          "get /zookeeper/quota/q/zookeeper_stats",
          "setquota -b 100 /q",
          "delquota -n /q",
          "listquota /q",
          "setquota -N 10 /q",
          "delete /q/b",
          "listquota /q",
          "delquota /q",
          "listquota /q",
          "ls /zookeeper/quota",
          "ls /zookeeper/quota/q",
          "quit",
          "");

  @Test
  void quotasThroughZkCliMatchApache() throws Exception {
    List<String> ours = Parity.assertSameAsApache(server -> run(server, QUOTAS));
    assertTrue(ours.contains("Output stat for /q count=4,bytes=7"), () -> String.join("\n", ours));
  }

  private static List<String> run(ZkServer server, String script)
      throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    for (String line : ZkCli.run(server.connectString(), script)) {
      lines.add(normalize(line, server));
    }
    return lines.stream().filter(line -> line != null).toList();
  }

  /** Drops what differs between any two runs: times, ports, session ids. */
  private static String normalize(String line, ZkServer server) {
    if (line.startsWith("ctime = ") || line.startsWith("mtime = ")) {
      return null;
    }
    return line.replace(server.connectString(), "SERVER")
        .replaceAll("ephemeralOwner = 0x0*[1-9a-f][0-9a-f]*", "ephemeralOwner = SESSION");
  }
}

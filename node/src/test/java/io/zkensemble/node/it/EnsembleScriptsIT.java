package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status commands of bin/zkensemble-server.sh and bin/zkensemble-pseudo-cluster.sh report every
 * member's Mode as Apache's zkServer.sh does. They run against an Apache ZooKeeper 3.9.5 ensemble,
 * laid out as the pseudo-cluster script lays out its own, until our node replicates.
 */
class EnsembleScriptsIT {
  private static final Path PSEUDO_CLUSTER =
      Path.of("..", "bin", "zkensemble-pseudo-cluster.sh").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void statusReportsEachMembersMode() throws Exception {
    Path cluster = dir.resolve("cluster");
    try (Ensemble ensemble = ApacheEnsemble.of(cluster, 3, 1)) {
      ensemble.start();
      int leader = ensemble.waitForLeader();

      Command.Result status = pseudoClusterStatus(cluster);
      assertEquals(0, status.exitCode(), status.output());
      for (int id = 1; id <= 4; id++) {
        String mode = id == leader ? "leader" : id == 4 ? "observer" : "follower";
        String role = id == 4 ? "observer" : "participant";
        String line =
            "server %d (%s, %s): Mode: %s".formatted(id, role, ensemble.connectString(id), mode);
        assertTrue(status.output().contains(line + "\n"), line + " in\n" + status.output());
      }

      // Participants are 1, 2 and 3: the leader and two followers.
      int follower = leader == 1 ? 2 : 1;
      ServerScript.Result fromServerLine =
          ServerScript.run("status", clientPortOnlyInServerLine(cluster, ensemble, follower), dir);
      assertEquals(0, fromServerLine.exitCode(), fromServerLine.output());
      assertTrue(
          fromServerLine
              .output()
              .contains(
                  "Client port found: "
                      + port(ensemble, follower)
                      + ". Client address: 127.0.0.1."),
          fromServerLine.output());
      assertTrue(fromServerLine.output().contains("Mode: follower"), fromServerLine.output());

      ensemble.stop(leader);
      ensemble.stop(follower);
      int survivor = 6 - leader - follower; // the third participant
      String survivorLine =
          "server %d (participant, %s): Not serving: the server runs, but has no quorum yet"
              .formatted(survivor, ensemble.connectString(survivor));
      String observerLine =
          "server 4 (observer, %s): Not serving:".formatted(ensemble.connectString(4));
      await("the survivors report that they do not serve")
          .atMost(Ensemble.DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> pseudoClusterStatus(cluster).output(),
              output -> output.contains(survivorLine) && output.contains(observerLine));
      Command.Result lost = pseudoClusterStatus(cluster);
      assertEquals(1, lost.exitCode(), lost.output());
      for (int id : List.of(leader, follower)) {
        String line =
            "server %d (participant, %s): Error contacting service. It is probably not running."
                .formatted(id, ensemble.connectString(id));
        assertTrue(lost.output().contains(line), line + " in\n" + lost.output());
      }
    }
  }

  private Command.Result pseudoClusterStatus(Path cluster) throws InterruptedException {
    return Command.run(
        Ensemble.DEADLINE,
        "bash",
        PSEUDO_CLUSTER.toString(),
        "status",
        "3",
        "--observers",
        "1",
        "--dir",
        cluster.toString());
  }

  private static int port(Ensemble ensemble, int id) {
    String address = ensemble.connectString(id);
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /**
   * Member {@code id}'s zoo.cfg in the other form Apache accepts: no clientPort, the client address
   * at the end of the member's own server line ({@code server.N=host:quorum:election;host:port}).
   */
  private Path clientPortOnlyInServerLine(Path cluster, Ensemble ensemble, int id)
      throws Exception {
    List<String> lines =
        Files.readAllLines(cluster.resolve(id + "/zoo.cfg"), StandardCharsets.UTF_8).stream()
            .filter(line -> !line.startsWith("clientPort"))
            .map(
                line ->
                    line.startsWith("server." + id + "=")
                        ? line + ";" + ensemble.connectString(id)
                        : line)
            .toList();
    Path cfg = dir.resolve("server-line.cfg");
    Files.write(cfg, lines, StandardCharsets.UTF_8);
    return cfg;
  }
}

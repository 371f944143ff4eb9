package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as users run it: start with a zoo.cfg, serve a real client, stop on SIGTERM. */
class StartupIT {
  /**
   * 128 + SIGTERM(15): the JVM's exit status when a signal starts the shutdown, whatever the main
   * method returns afterwards. Apache ZooKeeper exits with the same status on SIGTERM.
   */
  private static final int EXIT_ON_SIGTERM = 143;

  @TempDir Path dir;

  @Test
  void servesAClientAndStopsCleanlyOnSigterm() throws Exception {
    int port = Loopback.freePort();
    Path cfg = ZooCfgFile.standalone(dir, port);
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

    try (NodeProcess node = NodeProcess.start(dir, cfg.toString())) {
      node.awaitServing(port);
      assertTrue(Files.isDirectory(ZooCfgFile.dataDir(dir)), "the node creates its dataDir");

      try (ZooKeeper zk = Clients.connect(Loopback.HOST + ":" + port, 30_000, event -> {})) {
        zk.create("/it", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertArrayEquals(data, zk.getData("/it", false, null));
      }
      String srvr = Loopback.srvr(port).orElseThrow();
      assertTrue(srvr.contains("Mode: standalone"), srvr);

      node.sigterm();
      assertEquals(EXIT_ON_SIGTERM, node.awaitExit(), node.output());
      String output = node.output();
      int nodeStopped = output.indexOf("Node stopped: clients disconnected, data directory closed");
      int quarkusStopped = output.indexOf("stopped in");
      assertTrue(quarkusStopped > 0, "Quarkus ran its shutdown:\n" + output);
      // Vert.x closes at the end of Quarkus' shutdown: the node must have stopped before that.
      assertTrue(
          nodeStopped > 0 && nodeStopped < quarkusStopped,
          "the node stops before Quarkus closes Vert.x:\n" + output);
      assertFalse(output.contains("ERROR"), output);
    }
  }
}

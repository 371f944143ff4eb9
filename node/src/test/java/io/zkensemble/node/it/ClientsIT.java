package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clients the README lists as tested, against the packaged node. */
class ClientsIT {
  @TempDir Path dir;

  private NodeProcess node;
  private String connectString;

  @BeforeEach
  void startNode() {
    int port = Loopback.freePort();
    node = NodeProcess.start(dir, ZooCfgFile.standalone(dir, port).toString());
    node.awaitServing(port);
    connectString = Loopback.HOST + ":" + port;
  }

  @AfterEach
  void stopNode() throws InterruptedException {
    node.close();
  }

  @Test
  void curatorCreatesParentsAndWatches() throws Exception {
    byte[] v1 = "v1".getBytes(StandardCharsets.UTF_8);
    byte[] v2 = "v2".getBytes(StandardCharsets.UTF_8);
    try (CuratorFramework curator =
        CuratorFrameworkFactory.newClient(connectString, 30_000, 10_000, new RetryOneTime(100))) {
      curator.start();
      assertTrue(curator.blockUntilConnected(30, TimeUnit.SECONDS), "Curator connects");

      curator.create().creatingParentsIfNeeded().forPath("/app/config/name", v1);
      BlockingQueue<WatchedEvent> events = Clients.queue();
      assertArrayEquals(
          v1, curator.getData().usingWatcher((Watcher) events::add).forPath("/app/config/name"));
      curator.setData().withVersion(0).forPath("/app/config/name", v2);

      assertEquals(Watcher.Event.EventType.NodeDataChanged, Clients.next(events).getType());
      assertArrayEquals(v2, curator.getData().forPath("/app/config/name"));
    }
  }

  @Test
  void zkCliCreatesAndReads() throws Exception {
    ZkCli create = zkCli("create", "/cli", "hello");
    assertEquals(0, create.exitCode(), create.output());
    ZkCli get = zkCli("get", "/cli");
    assertEquals(0, get.exitCode(), get.output());
    assertTrue(get.output().lines().anyMatch("hello"::equals), get.output());
  }

  private record ZkCli(int exitCode, String output) {}

  /** Runs Apache's zkCli (ZooKeeperMain) with one command, as {@code zkCli.sh -server} does. */
  private ZkCli zkCli(String... command) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                NodeProcess.javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.zookeeper.ZooKeeperMain",
                "-server",
                connectString));
    args.addAll(List.of(command));
    Path output = Files.createTempFile(dir, "zkcli", ".txt");
    Process process =
        new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!process.waitFor(NodeProcess.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("zkCli did not finish:\n" + Files.readString(output));
    }
    return new ZkCli(process.exitValue(), Files.readString(output));
  }
}

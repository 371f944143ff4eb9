package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/zkensemble-server.sh behaves like Apache's zkServer.sh, driving the packaged node. */
class ServerScriptIT {
  @TempDir Path dir;

  private final List<Node> started = new ArrayList<>();

  /** Leaves no node behind, whatever a test did. */
  @AfterEach
  void stopAll() throws InterruptedException {
    for (Node node : started) {
      node.run("stop");
    }
  }

  @Test
  void startStatusStop() throws Exception {
    Node node = node("a");

    ServerScript.Result start = start(node);
    assertTrue(start.output().contains("Using config: " + node.cfg), start.output());
    long pid = node.pid();
    assertTrue(isAlive(pid), "the pid file names the running node");

    ServerScript.Result status = node.run("status");
    assertEquals(0, status.exitCode(), status.output());
    assertTrue(status.output().contains("Client port found: " + node.port + "."), status.output());
    assertTrue(status.output().contains("Mode: standalone"), status.output());

    ServerScript.Result again = node.run("start");
    assertEquals(1, again.exitCode(), again.output());
    assertTrue(again.output().contains("already running as process " + pid), again.output());
    assertEquals(pid, node.pid(), "a refused start keeps the pid file");

    ServerScript.Result stop = node.run("stop");
    assertEquals(0, stop.exitCode(), stop.output());
    assertTrue(stop.output().contains("STOPPED"), stop.output());
    assertFalse(Files.exists(node.pidFile()), "stop removes the pid file");
    awaitGone(pid);

    ServerScript.Result stopped = node.run("status");
    assertEquals(1, stopped.exitCode(), stopped.output());
    assertTrue(stopped.output().contains("It is probably not running"), stopped.output());
  }

  @Test
  void restartReplacesTheProcess() throws Exception {
    Node node = node("a");
    start(node);
    long before = node.pid();

    ServerScript.Result restart = node.run("restart");
    assertEquals(0, restart.exitCode(), restart.output());
    assertTrue(restart.output().contains("STOPPED"), restart.output());
    assertTrue(restart.output().contains("STARTED"), restart.output());
    assertNotEquals(before, node.pid());
    awaitGone(before);
    assertTrue(Loopback.servesStandalone(node.port), "the new process serves");
  }

  @Test
  void stopStopsOnlyItsOwnNode() throws Exception {
    Node a = node("a");
    Node b = node("b");
    start(a);
    start(b);

    ServerScript.Result stop = a.run("stop");
    assertEquals(0, stop.exitCode(), stop.output());

    assertFalse(Loopback.srvr(a.port).isPresent(), "a is stopped");
    assertTrue(Loopback.servesStandalone(b.port), "b still serves");
  }

  @Test
  void startReportsAConfigTheNodeRejects() throws Exception {
    Node node = node("bad", "tickTime=-5");

    ServerScript.Result start = node.run("start");
    assertEquals(1, start.exitCode(), start.output());
    assertTrue(start.output().contains("FAILED TO START (exit code 2)"), start.output());
    assertTrue(start.output().contains("tickTime=-5 must be positive"), start.output());
    assertFalse(Files.exists(node.pidFile()), "no pid file is left for a node that is not running");
  }

  /** A node's config in its own folder, with its own free port and log directory. */
  private Node node(String name, String... extraLines) throws IOException {
    Path home = Files.createDirectory(dir.resolve(name));
    int port = Loopback.freePort();
    return new Node(ZooCfgFile.standalone(home, port, extraLines), home, port);
  }

  /** Starts {@code node} with the script; it must print STARTED and leave a pid file. */
  private ServerScript.Result start(Node node) throws Exception {
    started.add(node);
    ServerScript.Result start = node.run("start");
    assertEquals(0, start.exitCode(), start.output());
    assertTrue(start.output().contains("Starting zkensemble ... STARTED"), start.output());
    assertTrue(Files.isRegularFile(node.pidFile()), "pid file in dataDir");
    return start;
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The stopped process may linger briefly as a zombie until init reaps it. */
  private static void awaitGone(long pid) {
    await("process " + pid + " gone").atMost(NodeProcess.DEADLINE).until(() -> !isAlive(pid));
  }

  private record Node(Path cfg, Path home, int port) {
    ServerScript.Result run(String command) throws InterruptedException {
      return ServerScript.run(command, cfg, home.resolve("logs"));
    }

    Path pidFile() {
      return ZooCfgFile.dataDir(home).resolve("zookeeper_server.pid");
    }

    long pid() throws IOException {
      return Long.parseLong(Files.readString(pidFile()).trim());
    }
  }
}

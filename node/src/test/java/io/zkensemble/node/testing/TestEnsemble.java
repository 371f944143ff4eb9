package io.zkensemble.node.testing;

import io.vertx.core.Vertx;
import io.zkensemble.node.ZkNode;
import io.zkensemble.node.config.ConfigException;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.ZooCfg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * An ensemble of zkensemble nodes in this JVM, each with its own Vert.x, data directory (zoo.cfg
 * with server lines, myid) and loopback ports: participants 1..n, observers after them. For
 * functional tests of the replicated mode through real clients; process-level crashes are the
 * failsafe ITs' business.
 */
public final class TestEnsemble implements AutoCloseable {
  private final Path dir;
  private final TreeMap<Long, Member> members = new TreeMap<>();
  private final Map<Long, String> serverLines = new TreeMap<>();

  private final Set<Long> apacheIds;

  /** A server: ours ({@code node}) or Apache's ({@code apache}), null while stopped. */
  private record Member(Path cfg, int clientPort, Vertx vertx, ZkNode node, ApachePeer apache) {
    boolean running() {
      return node != null || apache != null;
    }
  }

  /** Apache ZooKeeper 3.9.5's QuorumPeerMain on a thread of this JVM. */
  private static final class ApachePeer extends QuorumPeerMain {
    private final Thread thread;

    ApachePeer(QuorumPeerConfig config) {
      thread =
          new Thread(
              () -> {
                try {
                  runFromConfig(config);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "apache-peer");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      close();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  private TestEnsemble(Path dir, Set<Long> apacheIds) {
    this.dir = dir;
    this.apacheIds = apacheIds;
  }

  /** Writes the configs of {@code participants} + {@code observers} servers and starts them all. */
  public static TestEnsemble start(int participants, int observers, String... extraConfig) {
    return start(participants, observers, Set.of(), extraConfig);
  }

  /**
   * Like {@link #start(int, int, String...)}, with the servers in {@code apacheIds} run by Apache
   * ZooKeeper 3.9.5 instead of zkensemble: a mixed ensemble.
   */
  public static TestEnsemble start(
      int participants, int observers, Set<Long> apacheIds, String... extraConfig) {
    try {
      TestEnsemble ensemble =
          new TestEnsemble(Files.createTempDirectory("zkensemble-ensemble"), apacheIds);
      int servers = participants + observers;
      int[] ports = freePorts(servers * 3);
      List<String> serverLines = new ArrayList<>();
      for (int id = 1; id <= servers; id++) {
        serverLines.add(serverLine(id, ports, id > participants ? ":observer" : ""));
      }
      for (int id = 1; id <= servers; id++) {
        Path home = ensemble.dir.resolve("server" + id);
        List<String> lines = memberLines(home, id);
        lines.add("clientPort=" + ports[(id - 1) * 3]);
        lines.add("clientPortAddress=127.0.0.1");
        if (!apacheIds.contains((long) id)) {
          // Apache would turn this key into a system property of the whole JVM; srvr is enough.
          lines.add("4lw.commands.whitelist=*");
        }
        if (id > participants) {
          lines.add("peerType=observer");
        }
        if (apacheIds.contains((long) id)) {
          lines.add("admin.enableServer=false");
        }
        lines.addAll(serverLines);
        lines.addAll(List.of(extraConfig));
        Path cfg = home.resolve("zoo.cfg");
        Files.write(cfg, lines, StandardCharsets.UTF_8);
        ensemble.members.put((long) id, new Member(cfg, ports[(id - 1) * 3], null, null, null));
      }
      for (long id : ensemble.members.keySet()) {
        ensemble.startServer(id);
      }
      return ensemble;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An ensemble that grows by reconfig: server 1 alone is started, a voter of its own one-server
   * configuration (add {@code standaloneEnabled=false} to {@code extraConfig}); server j of the
   * {@code total} is written as a joiner, whose configuration holds servers 1..j as participants
   * (what an operator gives a server it is about to add), and is started by {@link #startServer}.
   * Every server line carries its client address, so that {@link #serverLine} can be passed to a
   * reconfig.
   */
  public static TestEnsemble growable(int total, String... extraConfig) {
    try {
      TestEnsemble ensemble =
          new TestEnsemble(Files.createTempDirectory("zkensemble-growable"), Set.of());
      int[] ports = freePorts(total * 3);
      for (int id = 1; id <= total; id++) {
        ensemble.serverLines.put(
            (long) id, serverLine(id, ports, ":participant;127.0.0.1:" + ports[(id - 1) * 3]));
      }
      for (int id = 1; id <= total; id++) {
        Path home = ensemble.dir.resolve("server" + id);
        List<String> lines = memberLines(home, id);
        lines.add("4lw.commands.whitelist=*");
        for (long member = 1; member <= id; member++) {
          lines.add(ensemble.serverLines.get(member));
        }
        lines.addAll(List.of(extraConfig));
        Path cfg = home.resolve("zoo.cfg");
        Files.write(cfg, lines, StandardCharsets.UTF_8);
        ensemble.members.put((long) id, new Member(cfg, ports[(id - 1) * 3], null, null, null));
      }
      ensemble.startServer(1);
      return ensemble;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * server.N's line: loopback, its quorum and election ports from {@code ports}, then {@code rest}.
   */
  private static String serverLine(int id, int[] ports, String rest) {
    return "server."
        + id
        + "=127.0.0.1:"
        + ports[(id - 1) * 3 + 1]
        + ":"
        + ports[(id - 1) * 3 + 2]
        + rest;
  }

  /**
   * Makes server {@code id}'s data directory under {@code home} with its myid; returns the zoo.cfg
   * lines every member starts with (fast ticks, its dataDir).
   */
  private static List<String> memberLines(Path home, long id) throws IOException {
    Path data = home.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("myid"), Long.toString(id));
    List<String> lines = new ArrayList<>();
    lines.add("tickTime=200");
    lines.add("initLimit=10");
    lines.add("syncLimit=5");
    lines.add("dataDir=" + data);
    return lines;
  }

  /** Server {@code id}'s line with its client address, for a reconfig (growable ensembles). */
  public String serverLine(long id) {
    return serverLines.get(id);
  }

  /** Starts (or restarts) server {@code id} from its data directory. */
  public void startServer(long id) {
    Member member = members.get(id);
    if (apacheIds.contains(id)) {
      try {
        QuorumPeerConfig config = new QuorumPeerConfig();
        config.parse(member.cfg().toString());
        members.put(
            id, new Member(member.cfg(), member.clientPort(), null, null, new ApachePeer(config)));
        return;
      } catch (QuorumPeerConfig.ConfigException e) {
        throw new IllegalArgumentException(e);
      }
    }
    try {
      NodeConfig config = ZooCfg.load(member.cfg());
      Vertx vertx = Vertx.vertx();
      ZkNode node =
          ZkNode.start(vertx, config)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      members.put(id, new Member(member.cfg(), member.clientPort(), vertx, node, null));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e);
    } catch (Exception e) {
      throw new IllegalStateException("server " + id + " did not start", e);
    }
  }

  /** Asks server {@code from}, the leader, to hand leadership to {@code to}; returns its answer. */
  public String transferLeadership(long from, long to) throws Exception {
    return members
        .get(from)
        .node()
        .transferLeadership(to)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /** Stops server {@code id} (its data directory stays). */
  public void stopServer(long id) {
    Member member = members.get(id);
    if (!member.running()) {
      return;
    }
    try {
      if (member.apache() != null) {
        member.apache().stop();
        members.put(id, new Member(member.cfg(), member.clientPort(), null, null, null));
        return;
      }
      member.node().stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      member.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("server " + id + " did not stop", e);
    }
    members.put(id, new Member(member.cfg(), member.clientPort(), null, null, null));
  }

  /** Our node running as server {@code id}; null for an Apache server or a stopped one. */
  public ZkNode node(long id) {
    return members.get(id).node();
  }

  public List<Long> ids() {
    return List.copyOf(members.keySet());
  }

  public String connectString(long id) {
    return "127.0.0.1:" + members.get(id).clientPort();
  }

  /** Every running server's client address. */
  public String connectString() {
    return members.entrySet().stream()
        .filter(e -> e.getValue().running())
        .map(e -> connectString(e.getKey()))
        .collect(Collectors.joining(","));
  }

  /** The Mode srvr reports ("leader", "follower", "observer"), or null while not serving. */
  public String mode(long id) {
    String srvr = fourLetterWord(id, "srvr");
    return srvr.lines()
        .filter(line -> line.startsWith("Mode: "))
        .map(line -> line.substring("Mode: ".length()))
        .findFirst()
        .orElse(null);
  }

  /** The running leader's id, or -1. */
  public long leader() {
    for (long id : members.keySet()) {
      if (members.get(id).running() && "leader".equals(mode(id))) {
        return id;
      }
    }
    return -1;
  }

  /** The answer to {@code word}, or "" while the server does not listen. */
  public String fourLetterWord(long id, String word) {
    try {
      return FourLetterWord.ask(members.get(id).clientPort(), word);
    } catch (UncheckedIOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    for (long id : members.keySet()) {
      stopServer(id);
    }
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}

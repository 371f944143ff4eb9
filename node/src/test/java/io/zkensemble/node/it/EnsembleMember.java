package io.zkensemble.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One server of an {@link Ensemble}, run as a real process on 127.0.0.1 with its own ports: our
 * node or Apache ZooKeeper, a participant or an observer. Both kinds read the same zoo.cfg and
 * myid, laid out as {@code bin/zkensemble-pseudo-cluster.sh} does: {@code dir/zoo.cfg}, {@code
 * dir/data/myid}; the process's output goes to {@code dir/server.out}, appended across restarts.
 */
final class EnsembleMember {
  /** Which server the member runs. */
  enum Kind {
    /** Our node, the packaged {@code quarkus-run.jar}. */
    ZKENSEMBLE,
    /** Apache ZooKeeper 3.9.5's QuorumPeerMain from the test classpath. */
    APACHE
  }

  /** Whether the member votes. */
  enum Role {
    PARTICIPANT,
    OBSERVER
  }

  /** Lines of a member's output a failure shows. */
  private static final int SHOWN_OUTPUT_LINES = 30;

  private static final Pattern MODE = Pattern.compile("^Mode: (\\S+)$", Pattern.MULTILINE);

  private final int id;
  private final Kind kind;
  private final Role role;
  private final Path dir;
  private final int clientPort;
  private final int quorumPort;
  private final int electionPort;
  private Process process;

  EnsembleMember(int id, Kind kind, Role role, Path dir) {
    this.id = id;
    this.kind = kind;
    this.role = role;
    this.dir = dir;
    this.clientPort = Loopback.freePort();
    this.quorumPort = Loopback.freePort();
    this.electionPort = Loopback.freePort();
  }

  int id() {
    return id;
  }

  /** The member's dataDir (its txn logs and snapshots go in {@code version-2} under it). */
  Path dataDir() {
    return ZooCfgFile.dataDir(dir);
  }

  /** Where clients reach this member. */
  String clientAddress() {
    return Loopback.HOST + ":" + clientPort;
  }

  /** This member's line in every member's zoo.cfg, in Apache's format. */
  String serverLine() {
    return "server."
        + id
        + "="
        + Loopback.HOST
        + ":"
        + quorumPort
        + ":"
        + electionPort
        + (role == Role.OBSERVER ? ":observer" : "");
  }

  /**
   * Writes {@code dir/zoo.cfg} with {@code common} (the settings and server lines every member
   * shares) and this member's own lines, and {@code dir/data/myid}.
   */
  void writeConfig(List<String> common) {
    List<String> lines = new ArrayList<>(common);
    lines.add("dataDir=" + dataDir());
    lines.add("clientPort=" + clientPort);
    lines.add("clientPortAddress=" + Loopback.HOST);
    if (role == Role.OBSERVER) {
      lines.add("peerType=observer");
    }
    try {
      Files.createDirectories(dir);
      ZooCfgFile.write(dir, lines.toArray(String[]::new));
      writeMyid();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server process; the member must not be running. */
  void start() {
    if (isAlive()) {
      throw new IllegalStateException("server " + id + " is already running");
    }
    Path cfg = dir.resolve("zoo.cfg");
    List<String> command = new ArrayList<>();
    command.add(NodeProcess.javaBinary());
    // Netty (under both servers) uses sun.misc.Unsafe; Java 24+ warns at each start otherwise.
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(
        switch (kind) {
          case ZKENSEMBLE -> List.of("-jar", NodeProcess.JAR.toString(), cfg.toString());
          case APACHE -> ApacheEnsemble.arguments(dir, cfg);
        });
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output().toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, as a crash: nothing buffered in the process is written. Returns once it is gone. */
  void kill9() throws InterruptedException {
    sendKill9();
    awaitGone();
  }

  /** Sends SIGKILL and returns at once; {@link #awaitGone} waits for the process to be gone. */
  void sendKill9() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  /** Waits until the process has exited (if it ever started). */
  void awaitGone() throws InterruptedException {
    if (process != null) {
      awaitExit();
    }
  }

  /**
   * SIGSTOP, as a server that hangs: its sockets stay open, nothing it was sent is read or answered
   * until SIGKILL ends it.
   */
  void pause() throws InterruptedException {
    signal("STOP");
  }

  private void signal(String name) throws InterruptedException {
    if (!isAlive()) {
      throw new IllegalStateException("server " + id + " does not run: no SIG" + name);
    }
    Command.Result result =
        Command.run(NodeProcess.DEADLINE, "kill", "-" + name, String.valueOf(process.pid()));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "kill -" + name + " " + process.pid() + " failed: " + result.output());
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within the deadline. */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(NodeProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      kill9();
    }
  }

  /** Deletes the data directory and writes myid again; the member must not be running. */
  void wipeData() {
    if (isAlive()) {
      throw new IllegalStateException("server " + id + " runs: stop it before wiping its data");
    }
    try (Stream<Path> files = Files.walk(dataDir())) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
      writeMyid();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int clientPort() {
    return clientPort;
  }

  /** The Mode srvr reports (leader, follower, observer, standalone, read-only); empty if none. */
  Optional<String> mode() {
    return Loopback.srvr(clientPort)
        .map(MODE::matcher)
        .filter(Matcher::find)
        .map(matcher -> matcher.group(1));
  }

  /** True when the member serves clients as a member of a quorum. */
  boolean serves() {
    return mode().filter(mode -> mode.equals("leader") || mode.equals(followerMode())).isPresent();
  }

  /** The Mode srvr reports for this member when it serves and does not lead. */
  private String followerMode() {
    return role == Role.OBSERVER ? "observer" : "follower";
  }

  /** A description for failure messages: kind, id, role, ports, and the last output lines. */
  String describe() {
    List<String> lines = List.of();
    try {
      if (Files.exists(output())) {
        lines = Files.readAllLines(output(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      lines = List.of("(cannot read " + output() + ": " + e.getMessage() + ")");
    }
    return String.format(
        "%s server %d (%s, client %s, %s; %s), last output:%n%s",
        kind,
        id,
        role,
        clientAddress(),
        serverLine(),
        isAlive() ? "running" : "not running",
        String.join(
            "\n", lines.subList(Math.max(0, lines.size() - SHOWN_OUTPUT_LINES), lines.size())));
  }

  /** Every line the member's processes wrote so far, across its restarts. */
  List<String> outputLines() {
    try {
      return Files.exists(output())
          ? Files.readAllLines(output(), StandardCharsets.UTF_8)
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path output() {
    return dir.resolve("server.out");
  }

  private void writeMyid() throws IOException {
    Files.createDirectories(dataDir());
    Files.writeString(dataDir().resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
  }

  private void awaitExit() throws InterruptedException {
    if (!process.waitFor(NodeProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("did not exit within " + NodeProcess.DEADLINE + ": " + describe());
    }
  }
}

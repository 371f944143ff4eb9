package io.zkensemble.node.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads the replicated part of zoo.cfg as Apache's QuorumPeerConfig does (parseDynamicConfig,
 * setupMyId, setupClientPort, setupPeerType, checkValidity, isDistributed):
 *
 * <ol>
 *   <li>Parse the {@code server.N} lines. Hierarchical quorums ({@code group}/{@code weight}) and a
 *       dynamicConfigFile are refused: ignoring them would run a different quorum than written.
 *   <li>Without voters, observers are an error, and so is standaloneEnabled=false. One voter with
 *       standaloneEnabled=true and no observer: the node runs standalone.
 *   <li>The node is distributed when standaloneEnabled=false or there is more than one voter.
 *   <li>When there are server lines, the first line of {@code dataDir/myid} is this server's id.
 *       (Apache reads the file whenever it exists; without server lines it has no use.)
 *   <li>This server's line gives the client address if it has one; clientPort and
 *       clientPortAddress, when also set, must agree with it. Else they give the client address.
 *   <li>A distributed node needs initLimit, syncLimit, a myid file and its own server line.
 * </ol>
 */
final class QuorumCfg {
  private static final Logger LOG = Logger.getLogger(ZooCfg.class);

  /**
   * @param quorum the ensemble, or null when the node runs standalone
   * @param clientAddress where this node serves clients
   */
  record Result(QuorumConfig quorum, InetSocketAddress clientAddress) {}

  private QuorumCfg() {}

  /**
   * @param staticClient the address clientPort and clientPortAddress give, or null without
   *     clientPort
   */
  static Result read(
      Values values,
      Path configFile,
      Path dataDir,
      InetSocketAddress staticClient,
      int initLimit,
      int syncLimit)
      throws ConfigException {
    boolean standaloneEnabled = values.bool("standaloneEnabled", true);
    boolean listenOnAllIps = values.bool("quorumListenOnAllIPs", false);
    // Apache reads readonlymode.enabled only as a system property (Boolean.getBoolean).
    boolean readOnly =
        "true".equalsIgnoreCase(values.string("readonlymode.enabled", "readonlymode.enabled"));
    Boolean observerByPeerType = peerType(values.string("peerType"));
    boolean reconfigEnabled = values.bool("reconfigEnabled", false);
    refuseUnsupported(values);
    QuorumOptions options =
        new QuorumOptions(listenOnAllIps, readOnly, reconfigEnabled, standaloneEnabled, configFile);
    String dynamicFile = values.string("dynamicConfigFile");
    QuorumConfig dynamic =
        dynamicFile == null ? null : DynamicConfigFile.read(Path.of(dynamicFile), options);
    if (dynamic != null && !values.startingWith(ServerLine.PREFIX).isEmpty()) {
      throw new ConfigException(
          "zoo.cfg has server lines and dynamicConfigFile="
              + dynamicFile
              + ": the server lines belong in the dynamic config file only");
    }
    List<QuorumServer> servers = dynamic != null ? dynamic.servers() : servers(values);
    long voters = servers.stream().filter(server -> !server.observer()).count();
    boolean distributed = !standaloneEnabled || voters > 1;
    checkMembers(voters, servers.size() - voters, standaloneEnabled, distributed);

    Path myIdFile = dataDir.resolve("myid");
    Long myId = servers.isEmpty() ? null : myId(myIdFile);
    QuorumServer self =
        servers.stream()
            .filter(server -> myId != null && server.id() == myId)
            .findFirst()
            .orElse(null);
    InetSocketAddress clientAddress = clientAddress(self, staticClient);
    if (self != null && observerByPeerType != null && observerByPeerType != self.observer()) {
      LOG.warnf(
          "peerType=%s does not match the server.%d line; the server line wins (as in Apache)",
          values.string("peerType"), self.id());
    }
    if (distributed) {
      checkDistributed(initLimit, syncLimit, myIdFile, myId, self);
    }
    if (clientAddress == null) {
      throw new ConfigException(
          self == null
              ? "clientPort is not set"
              : "clientPort is not set, and the server." + self.id() + " line has no client port");
    }
    return new Result(
        distributed
            ? new QuorumConfig(
                myId,
                servers,
                dynamic != null ? dynamic.version() : QuorumConfig.STATIC_VERSION,
                options)
            : null,
        clientAddress);
  }

  /** Apache's checkValidity, plus the own server line its QuorumPeer fails without later. */
  private static void checkDistributed(
      int initLimit, int syncLimit, Path myIdFile, Long myId, QuorumServer self)
      throws ConfigException {
    if (initLimit == 0) {
      throw new ConfigException("initLimit is not set; a replicated ensemble needs it");
    }
    if (syncLimit == 0) {
      throw new ConfigException("syncLimit is not set; a replicated ensemble needs it");
    }
    if (myId == null) {
      throw new ConfigException(
          "myid file "
              + myIdFile
              + " is missing; a replicated ensemble needs it to hold this server's id");
    }
    if (self == null) {
      throw new ConfigException(
          "myid file "
              + myIdFile
              + " gives id "
              + myId
              + ", but there is no server."
              + myId
              + " line");
    }
  }

  /** peerType: true for observer, false for participant, null when not set. */
  private static Boolean peerType(String value) throws ConfigException {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase()) {
      case "observer" -> true;
      case "participant" -> false;
      default ->
          throw new ConfigException("peerType=" + value + " is not 'observer' or 'participant'");
    };
  }

  private static void refuseUnsupported(Values values) throws ConfigException {
    for (String prefix : List.of("group", "weight")) {
      List<Map.Entry<String, String>> hierarchical = values.startingWith(prefix);
      if (!hierarchical.isEmpty()) {
        throw new ConfigException(
            hierarchical.get(0).getKey()
                + ": hierarchical quorums are not supported by this version");
      }
    }
  }

  /** The server lines, in the order Apache's QuorumMaj holds them (see toApacheString). */
  private static List<QuorumServer> servers(Values values) throws ConfigException {
    Map<Long, QuorumServer> servers = new HashMap<>();
    Map<Long, String> keys = new HashMap<>();
    for (Map.Entry<String, String> line : values.startingWith(ServerLine.PREFIX)) {
      QuorumServer server = ServerLine.parse(line.getKey(), line.getValue());
      String earlier = keys.put(server.id(), line.getKey());
      if (earlier != null) {
        // Apache keeps whichever line it happens to read last.
        throw new ConfigException(
            earlier + " and " + line.getKey() + " both give server id " + server.id());
      }
      servers.put(server.id(), server);
    }
    return List.copyOf(servers.values());
  }

  private static void checkMembers(
      long voters, long observers, boolean standaloneEnabled, boolean distributed)
      throws ConfigException {
    if (voters == 0 && !standaloneEnabled) {
      throw new ConfigException(
          "standaloneEnabled=false needs at least one participant (server.N line)");
    }
    if (!distributed && observers > 0) {
      throw new ConfigException(
          "observers need a quorum: more than one participant, or standaloneEnabled=false");
    }
    if (voters == 1 && !distributed) {
      LOG.warn("zoo.cfg has a single server line: running standalone (as Apache ZooKeeper does)");
    } else if (distributed && voters <= 2) {
      LOG.warn("No server failure will be tolerated. You need at least 3 servers.");
    } else if (distributed && voters % 2 == 0) {
      LOG.warn("Non-optimal configuration, consider an odd number of servers.");
    }
  }

  /** Apache's setupMyId: the first line of the file, a long; null when there is no file. */
  private static Long myId(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String line;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      line = reader.readLine();
    } catch (IOException e) {
      throw new ConfigException("cannot read myid file " + file + ": " + e.getMessage());
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "myid file "
              + file
              + ": serverid "
              + (line == null ? "(empty)" : "'" + line + "'")
              + " is not a number");
    }
  }

  /**
   * Apache's setupClientPort: this server's line wins, and must agree with clientPort; null when
   * neither gives a client address.
   */
  private static InetSocketAddress clientAddress(QuorumServer self, InetSocketAddress staticClient)
      throws ConfigException {
    InetSocketAddress line = self == null ? null : self.clientAddress();
    if (line == null) {
      return staticClient;
    }
    // A wildcard clientPortAddress only fixes the port.
    boolean agree =
        staticClient == null
            || (Hosts.isWildcard(staticClient)
                ? staticClient.getPort() == line.getPort()
                : Hosts.same(staticClient, line));
    if (!agree) {
      throw new ConfigException(
          "the client address of this server (id = "
              + self.id()
              + ") is "
              + Hosts.render(staticClient)
              + " by clientPort/clientPortAddress but "
              + Hosts.render(line)
              + " by its server."
              + self.id()
              + " line");
    }
    return line;
  }
}

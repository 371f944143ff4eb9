package io.zkensemble.node.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ensemble of a replicated node, from the {@code server.N} lines of zoo.cfg (or of its dynamic
 * config file) and the myid file; a reconfig makes the next one.
 *
 * @param myId this server's id, from the myid file
 * @param servers every server, voters and observers, in the order Apache's QuorumMaj holds them
 * @param version 0 for a static configuration, else the zxid of the reconfig that made it
 * @param options what the ensemble's servers may do, and where its configuration is kept
 */
public record QuorumConfig(
    long myId, List<QuorumServer> servers, long version, QuorumOptions options) {

  /** The version of a configuration that comes from zoo.cfg rather than from a reconfig. */
  public static final long STATIC_VERSION = 0;

  public QuorumConfig {
    servers = List.copyOf(servers);
    Set<Long> ids = new HashSet<>();
    for (QuorumServer server : servers) {
      if (!ids.add(server.id())) {
        throw new IllegalArgumentException("server id " + server.id() + " appears twice");
      }
    }
    if (servers.stream().allMatch(QuorumServer::observer)) {
      throw new IllegalArgumentException("no voting member");
    }
  }

  /** The ids of the voting members, ascending. */
  public List<Long> voters() {
    return ids(false);
  }

  /** The ids of the observers, ascending. */
  public List<Long> observers() {
    return ids(true);
  }

  private List<Long> ids(boolean observer) {
    return servers.stream()
        .filter(server -> server.observer() == observer)
        .map(QuorumServer::id)
        .sorted()
        .toList();
  }

  public boolean listenOnAllIps() {
    return options.listenOnAllIps();
  }

  public boolean readOnlyMode() {
    return options.readOnlyMode();
  }

  /** This server's line; null once a reconfig removed it. */
  public QuorumServer self() {
    return server(myId);
  }

  /** The line of server {@code id}, or null when there is none. */
  public QuorumServer server(long id) {
    return servers.stream().filter(server -> server.id() == id).findFirst().orElse(null);
  }

  public boolean isObserver() {
    return self().observer();
  }

  /**
   * The configuration exactly as Apache's QuorumMaj.toString() renders it: one {@code server.N=...}
   * line per server, then {@code version=0}. Election notifications and NEWLEADER carry it and
   * Apache servers parse it.
   */
  public String toApacheString() {
    // QuorumMaj keeps its members in a HashMap<Long, QuorumServer>, filled in the order it reads
    // the lines, and renders them in that map's iteration order: the same map gives the same text.
    Map<Long, QuorumServer> members = new HashMap<>();
    servers.forEach(server -> members.put(server.id(), server));
    StringBuilder text = new StringBuilder();
    for (QuorumServer server : members.values()) {
      text.append("server.")
          .append(server.id())
          .append('=')
          .append(server.toApacheString())
          .append('\n');
    }
    return text.append("version=").append(Long.toHexString(version)).toString();
  }

  /**
   * The configuration Apache's configuration text gives (a reconfig's, as {@link #toApacheString}
   * renders it), for the same server and options.
   */
  public QuorumConfig withText(String text) throws ConfigException {
    return parse(myId, text, options);
  }

  /** Apache's configuration text (server lines and a hex version line) as a configuration. */
  static QuorumConfig parse(long myId, String text, QuorumOptions options) throws ConfigException {
    Map<Long, QuorumServer> next = new HashMap<>();
    long nextVersion = STATIC_VERSION;
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (line.isBlank()) {
        continue;
      }
      if (eq < 0) {
        throw new ConfigException("not a configuration line: " + line);
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.equals("version")) {
        nextVersion = Long.parseUnsignedLong(value, 16);
      } else {
        QuorumServer server = ServerLine.parse(key, value);
        next.put(server.id(), server);
      }
    }
    if (next.values().stream().allMatch(QuorumServer::observer)) {
      throw new ConfigException("the configuration has no voting member");
    }
    return new QuorumConfig(myId, List.copyOf(next.values()), nextVersion, options);
  }

  /**
   * Apache's PrepRequestProcessor for reconfig: {@code newMembers} (server lines separated by
   * commas or newlines) replaces every server; otherwise {@code leaving} ids (comma-separated) go
   * and {@code joining} lines ({@code server.N=host:port:port[:role];client}) come or replace.
   */
  public QuorumConfig reconfigured(String joining, String leaving, String newMembers, long zxid)
      throws ConfigException {
    Map<Long, QuorumServer> next = new HashMap<>();
    if (newMembers != null) {
      for (String line : newMembers.replace(',', '\n').split("\n")) {
        if (!line.isBlank()) {
          QuorumServer server = serverLine(line);
          next.put(server.id(), server);
        }
      }
    } else {
      servers.forEach(server -> next.put(server.id(), server));
      if (leaving != null) {
        for (String id : leaving.split(",")) {
          try {
            next.remove(Long.parseLong(id.strip()));
          } catch (NumberFormatException e) {
            throw new ConfigException("leaving server id " + id + " is not a number");
          }
        }
      }
      if (joining != null) {
        for (String line : joining.split(",")) {
          QuorumServer server = serverLine(line);
          if (server.clientAddress() == null) {
            throw new ConfigException(
                line + ": each server should have 3 ports specified (quorum, election, client)");
          }
          next.remove(server.id());
          next.put(server.id(), server);
        }
      }
    }
    if (next.values().stream().allMatch(QuorumServer::observer)) {
      throw new ConfigException("the new configuration has no voting member");
    }
    return new QuorumConfig(myId, List.copyOf(next.values()), zxid, options);
  }

  private static QuorumServer serverLine(String line) throws ConfigException {
    int eq = line.indexOf('=');
    if (eq < 0) {
      throw new ConfigException("Wrong format of server string: " + line.strip());
    }
    // Apache takes the id after the key's last dot: "server.4=..." and zkCli's "4=..." alike.
    String key = line.substring(0, eq).strip();
    String id = key.substring(key.lastIndexOf('.') + 1);
    return ServerLine.parse(ServerLine.PREFIX + id, line.substring(eq + 1).strip());
  }
}

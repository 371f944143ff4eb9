package io.zkensemble.node.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ensemble of a replicated node, from the {@code server.N} lines of zoo.cfg and the myid file.
 *
 * @param myId this server's id, from the myid file
 * @param servers every server, voters and observers, in the order Apache's QuorumMaj holds them
 * @param listenOnAllIps bind the quorum and election ports on all interfaces (quorumListenOnAllIPs)
 * @param readOnlyMode serve reads while cut off from a quorum (readonlymode.enabled)
 */
public record QuorumConfig(
    long myId, List<QuorumServer> servers, boolean listenOnAllIps, boolean readOnlyMode) {

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
    if (!ids.contains(myId)) {
      throw new IllegalArgumentException("myId " + myId + " is not among the servers");
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

  /** This server's line. */
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
    return text.append("version=").append(Long.toHexString(STATIC_VERSION)).toString();
  }
}

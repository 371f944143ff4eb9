package io.zkensemble.node.config;

import java.net.InetSocketAddress;

/**
 * One {@code
 * server.N=host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]} line of
 * zoo.cfg.
 *
 * @param id the server id (sid), N in {@code server.N}
 * @param host the host of the quorum and election ports, as written (without IPv6 brackets)
 * @param quorumPort where followers and observers connect to this server when it leads
 * @param electionPort where leader election connects
 * @param observer whether the line says {@code :observer}
 * @param clientAddress the line's client address; null when the line has none. A bare port means
 *     all interfaces (0.0.0.0), as in Apache
 */
public record QuorumServer(
    long id,
    String host,
    int quorumPort,
    int electionPort,
    boolean observer,
    InetSocketAddress clientAddress) {

  /** The line's value as Apache's QuorumServer.toString() renders it. */
  public String toApacheString() {
    StringBuilder value =
        new StringBuilder(Hosts.render(host))
            .append(':')
            .append(quorumPort)
            .append(':')
            .append(electionPort)
            .append(observer ? ":observer" : ":participant");
    if (clientAddress != null) {
      value.append(';').append(Hosts.render(clientAddress));
    }
    return value.toString();
  }
}

package io.zkensemble.node.config;

import java.net.InetSocketAddress;

/**
 * Parses one {@code server.N} line the way Apache's QuorumServer does (same splits, same checks,
 * same order of checks); each message starts with the key.
 */
final class ServerLine {
  static final String PREFIX = "server.";

  private static final String WRONG_FORMAT =
      " does not have the form server_config or server_config;client_config where server_config"
          + " is host:port:port or host:port:port:type and client_config is port or host:port";

  /** Apache's client host when the client part is a bare port. */
  private static final String ALL_INTERFACES = "0.0.0.0";

  private final String key;
  private final String value;

  private ServerLine(String key, String value) {
    this.key = key;
    this.value = value;
  }

  static QuorumServer parse(String key, String value) throws ConfigException {
    return new ServerLine(key, value).parse();
  }

  private QuorumServer parse() throws ConfigException {
    long id = id();
    // String.split drops trailing empty parts, as in Apache: "h:1:2;" has no client part.
    String[] serverAndClient = value.split(";");
    if (serverAndClient.length == 0) {
      throw error(value + WRONG_FORMAT);
    }
    InetSocketAddress client = serverAndClient.length == 2 ? client(serverAndClient[1]) : null;
    String[] addresses = serverAndClient[0].split("\\|");
    if (addresses.length > 1) {
      throw error(
          "multiple addresses (|) were specified for sid "
              + id
              + ", but this version supports one address per server");
    }
    String[] parts = hostAndPorts(addresses.length == 0 ? "" : addresses[0]);
    if (serverAndClient.length > 2 || parts.length < 3 || parts.length > 4) {
      throw error(value + WRONG_FORMAT);
    }
    String host = parts[0];
    if (host.isEmpty()) {
      throw error("the host name is empty");
    }
    int quorumPort = port(host, parts[1]);
    int electionPort = port(host, parts[2]);
    if (quorumPort == electionPort) {
      throw error(
          "the quorum port and the election port must be different, both are " + quorumPort);
    }
    boolean observer = parts.length == 4 && isObserver(parts[3]);
    return new QuorumServer(id, host, quorumPort, electionPort, observer, client);
  }

  private long id() throws ConfigException {
    String sid = key.substring(PREFIX.length());
    try {
      return Long.parseLong(sid);
    } catch (NumberFormatException e) {
      throw error("'" + sid + "' is not a server id (a number)");
    }
  }

  private InetSocketAddress client(String clientConfig) throws ConfigException {
    String[] parts = hostAndPorts(clientConfig);
    if (parts.length > 2) {
      throw error(value + WRONG_FORMAT);
    }
    String host = parts.length == 2 ? parts[0] : ALL_INTERFACES;
    return Hosts.socketAddress(host, port(host, parts[parts.length - 1]));
  }

  private int port(String host, String port) throws ConfigException {
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw error("Address unresolved: " + host + ":" + port);
    }
    if (number < 0 || number > 65535) {
      throw error("port " + number + " is out of range 0..65535");
    }
    return number;
  }

  private boolean isObserver(String type) throws ConfigException {
    return switch (type.trim().toLowerCase()) {
      case "observer" -> true;
      case "participant" -> false;
      default -> throw error("Unrecognised peertype: " + type);
    };
  }

  /** Apache's ConfigUtils.getHostAndPort: colon-separated, an IPv6 host in brackets. */
  private String[] hostAndPorts(String s) throws ConfigException {
    if (!s.startsWith("[")) {
      return s.split(":");
    }
    int close = s.indexOf(']');
    if (close < 0) {
      throw error(s + " starts with '[' but has no matching ']:'");
    }
    if (close + 2 == s.length()) {
      throw error(s + " doesn't have a port after colon");
    }
    if (close + 2 > s.length()) {
      return new String[] {s.replaceAll("\\[|\\]", "")};
    }
    String[] ports = s.substring(close + 2).split(":");
    String[] parts = new String[ports.length + 1];
    parts[0] = s.substring(1, close);
    System.arraycopy(ports, 0, parts, 1, ports.length);
    return parts;
  }

  private ConfigException error(String message) {
    return new ConfigException(key + ": " + message);
  }
}

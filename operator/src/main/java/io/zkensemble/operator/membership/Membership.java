package io.zkensemble.operator.membership;

import io.zkensemble.operator.api.ZkEnsembleStatus.MembershipStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A configuration of the ensemble as ZooKeeper keeps it in {@code /zookeeper/config} and in its
 * dynamic config files: one {@code server.N=host:quorumPort:electionPort:type;clientPort} line per
 * member, and the version (the zxid of the reconfig that made it, 0 for the one an ensemble is
 * bootstrapped with).
 *
 * @param version the configuration's version
 * @param servers each member's server line without its {@code server.N=} key, by id
 */
public record Membership(long version, SortedMap<Long, String> servers) {
  private static final String PREFIX = "server.";
  private static final String OBSERVER = ":observer";

  public Membership {
    servers = Collections.unmodifiableSortedMap(new TreeMap<>(servers));
  }

  /** Reads ZooKeeper's text: server lines and a {@code version=<hex>} line. */
  public static Membership parse(String text) {
    SortedMap<Long, String> servers = new TreeMap<>();
    long version = 0;
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("not a configuration line: " + trimmed);
      }
      String key = trimmed.substring(0, eq);
      String value = trimmed.substring(eq + 1);
      if (key.equals("version")) {
        version = Long.parseUnsignedLong(value, 16);
      } else if (key.startsWith(PREFIX)) {
        servers.put(Long.parseLong(key.substring(PREFIX.length())), value);
      } else {
        throw new IllegalArgumentException("not a configuration line: " + trimmed);
      }
    }
    return new Membership(version, servers);
  }

  /** As the status records it. */
  public static Membership of(MembershipStatus status) {
    return parse(String.join("\n", status.servers) + "\nversion=" + status.version);
  }

  /** For the status. */
  public MembershipStatus toStatus() {
    return new MembershipStatus(Long.toHexString(version), serverLines());
  }

  /** The text of a dynamic config file: the server lines, then the version in hex. */
  public String render() {
    StringBuilder text = new StringBuilder();
    servers.forEach((id, line) -> text.append(serverLine(id, line)).append('\n'));
    return text.append("version=").append(Long.toHexString(version)).append('\n').toString();
  }

  /** The server lines with their keys, as {@code reconfig -add} takes them. */
  public List<String> serverLines() {
    List<String> lines = new ArrayList<>();
    servers.forEach((id, line) -> lines.add(serverLine(id, line)));
    return lines;
  }

  public static String serverLine(long id, String line) {
    return PREFIX + id + "=" + line;
  }

  public boolean isMember(long id) {
    return servers.containsKey(id);
  }

  public boolean isVoter(long id) {
    return isMember(id) && isVoterLine(servers.get(id));
  }

  /** Whether a server line (without its key) makes a voter: any type but observer. */
  public static boolean isVoterLine(String line) {
    return !line.split(";", 2)[0].endsWith(OBSERVER);
  }

  public boolean isObserver(long id) {
    return isMember(id) && !isVoter(id);
  }

  public List<Long> voters() {
    return servers.keySet().stream().filter(this::isVoter).toList();
  }

  public List<Long> observers() {
    return servers.keySet().stream().filter(this::isObserver).toList();
  }

  /** More than half of the voters: the quorum of this configuration. */
  public int majority() {
    return voters().size() / 2 + 1;
  }
}

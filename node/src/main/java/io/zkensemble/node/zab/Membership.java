package io.zkensemble.node.zab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One configuration of the ensemble, as Apache's QuorumMaj: who votes, who observes, the text the
 * servers exchange (in notifications, NEWLEADER and the reconfig transaction) and its version (0
 * for a static zoo.cfg, else the zxid of the reconfig that made it).
 *
 * @param voters the ids of the voting members, ascending
 * @param observers the ids of the observers, ascending
 * @param text the configuration as Apache's QuorumMaj.toString writes it
 * @param version the configuration's version
 */
public record Membership(List<Long> voters, List<Long> observers, String text, long version) {

  public Membership {
    voters = List.copyOf(voters);
    observers = List.copyOf(observers);
    if (!isAscending(voters) || !isAscending(observers)) {
      throw new IllegalArgumentException("server ids must be ascending");
    }
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("no voting member");
    }
    if (voters.stream().anyMatch(observers::contains)) {
      throw new IllegalArgumentException("a server is both voter and observer");
    }
  }

  /**
   * Reads Apache's configuration text (QuorumMaj.toString, a dynamic config file): {@code
   * server.N=host:port:port[:participant|:observer][;client]} lines and {@code version=<hex>}. Only
   * the ids and roles matter here; the addresses are the adapter's business.
   */
  public static Membership parse(String text) {
    Set<Long> voters = new TreeSet<>();
    Set<Long> observers = new TreeSet<>();
    long version = 0;
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      int eq = trimmed.indexOf('=');
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (eq < 0) {
        throw new IllegalArgumentException("not a configuration line: " + trimmed);
      }
      String key = trimmed.substring(0, eq).strip();
      String value = trimmed.substring(eq + 1).strip();
      if (key.equals("version")) {
        version = Long.parseUnsignedLong(value, 16);
      } else if (key.startsWith("server.")) {
        long id = Long.parseLong(key.substring("server.".length()));
        String server = value.split(";", 2)[0].strip();
        (server.endsWith(":observer") ? observers : voters).add(id);
      } else {
        throw new IllegalArgumentException("not a configuration line: " + trimmed);
      }
    }
    return new Membership(new ArrayList<>(voters), new ArrayList<>(observers), text, version);
  }

  public boolean isVoter(long sid) {
    return voters.contains(sid);
  }

  public boolean isObserver(long sid) {
    return observers.contains(sid);
  }

  public boolean isMember(long sid) {
    return isVoter(sid) || isObserver(sid);
  }

  /** Every server, voters first. */
  public List<Long> servers() {
    return Stream.concat(voters.stream(), observers.stream()).toList();
  }

  /** Whether {@code acks} holds more than half of the voters (Apache's QuorumMaj). */
  public boolean isQuorum(Collection<Long> acks) {
    long voting = acks.stream().filter(this::isVoter).distinct().count();
    return voting > voters.size() / 2;
  }

  private static boolean isAscending(List<Long> ids) {
    for (int i = 1; i < ids.size(); i++) {
      if (ids.get(i - 1) >= ids.get(i)) {
        return false;
      }
    }
    return true;
  }
}

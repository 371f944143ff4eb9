package io.zkensemble.node.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Host strings as Apache ZooKeeper handles them. Apache builds every address with {@code new
 * InetSocketAddress(host, port)}: a name stays as written, an IP literal comes back normalised
 * ({@code ::1} becomes {@code 0:0:0:0:0:0:0:1}). Here only literals are parsed, so reading zoo.cfg
 * does no DNS lookups for names.
 */
final class Hosts {
  private Hosts() {}

  /** {@code host:port}, resolved if host is an IP literal, else unresolved. */
  static InetSocketAddress socketAddress(String host, int port) {
    return looksLiteral(host)
        ? new InetSocketAddress(host, port)
        : InetSocketAddress.createUnresolved(host, port);
  }

  /** The host as Apache renders it in a server line (QuorumServer.delimitedHostString). */
  static String render(String host) {
    return delimited(socketAddress(host, 0).getHostString());
  }

  /** {@code host:port} as Apache renders a client address in a server line. */
  static String render(InetSocketAddress address) {
    return delimited(address.getHostString()) + ":" + address.getPort();
  }

  /**
   * Whether two client addresses are the same, as InetSocketAddress.equals judges addresses Apache
   * has resolved: same port, and same host text or the same IP address.
   */
  static boolean same(InetSocketAddress a, InetSocketAddress b) {
    if (a.getPort() != b.getPort()) {
      return false;
    }
    if (a.getHostString().equalsIgnoreCase(b.getHostString())) {
      return true;
    }
    try {
      return InetAddress.getByName(a.getHostString())
          .equals(InetAddress.getByName(b.getHostString()));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether the address listens on every interface (0.0.0.0 or ::). */
  static boolean isWildcard(InetSocketAddress address) {
    return !address.isUnresolved() && address.getAddress().isAnyLocalAddress();
  }

  /**
   * Whether the JDK may read {@code host} as an IP literal: digits and dots, or an IPv6 form (host
   * names never contain ':'). The JDK parses a valid literal without a lookup.
   */
  private static boolean looksLiteral(String host) {
    if (host.isEmpty()) {
      return false;
    }
    char first = host.charAt(0);
    if (host.indexOf(':') >= 0) {
      return first == ':' || Character.digit(first, 16) >= 0;
    }
    return host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  private static String delimited(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}

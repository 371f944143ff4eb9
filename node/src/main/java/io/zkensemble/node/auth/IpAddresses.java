package io.zkensemble.node.auth;

/**
 * IP addresses and CIDR expressions as Apache's IPAuthenticationProvider reads them: a string with
 * a ':' is IPv6 (eight hex groups, '::' allowed once), one with a '.' is dotted IPv4.
 */
final class IpAddresses {
  private static final int IPV6_GROUPS = 8;

  private IpAddresses() {}

  /** The address bytes, or null when {@code address} is not an IP address. */
  static byte[] parse(String address) {
    if (address.indexOf(':') >= 0) {
      return parseV6(address);
    }
    if (address.indexOf('.') >= 0) {
      return parseV4(address);
    }
    return null;
  }

  /** True for "address" or "address/bits" with bits within the address length. */
  static boolean isValid(String expression) {
    String[] parts = expression.split("/", 2);
    byte[] address = parse(parts[0]);
    return address != null && (parts.length == 1 || prefixLength(parts[1], address) >= 0);
  }

  /** True when {@code address} lies in the network {@code expression} ("a.b.c.d[/bits]"). */
  static boolean matches(String address, String expression) {
    String[] parts = expression.split("/", 2);
    byte[] network = parse(parts[0]);
    byte[] candidate = parse(address);
    if (network == null || candidate == null || network.length != candidate.length) {
      return false;
    }
    int bits = parts.length == 2 ? prefixLength(parts[1], network) : network.length * 8;
    if (bits < 0) {
      return false;
    }
    for (int bit = 0; bit < bits; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The prefix length, or -1 when it is not a number within the address length. */
  private static int prefixLength(String text, byte[] address) {
    try {
      int bits = Integer.parseInt(text);
      return bits >= 0 && bits <= address.length * 8 ? bits : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static byte[] parseV4(String address) {
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    try {
      for (int i = 0; i < 4; i++) {
        int value = Integer.parseInt(parts[i]);
        if (value < 0 || value > 255) {
          return null;
        }
        bytes[i] = (byte) value;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return bytes;
  }

  private static byte[] parseV6(String address) {
    String[] halves = address.split("::", -1);
    if (halves.length > 2) {
      return null;
    }
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
    String[] tail =
        halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":", -1);
    boolean compressed = halves.length == 2;
    if (compressed ? head.length + tail.length >= IPV6_GROUPS : head.length != IPV6_GROUPS) {
      return null;
    }
    byte[] bytes = new byte[16];
    return fill(bytes, 0, head) && fill(bytes, 16 - 2 * tail.length, tail) ? bytes : null;
  }

  private static boolean fill(byte[] bytes, int offset, String[] groups) {
    for (String group : groups) {
      if (group.isEmpty() || group.length() > 4) {
        return false;
      }
      int value;
      try {
        value = Integer.parseInt(group, 16);
      } catch (NumberFormatException e) {
        return false;
      }
      bytes[offset++] = (byte) (value >> 8);
      bytes[offset++] = (byte) value;
    }
    return true;
  }
}

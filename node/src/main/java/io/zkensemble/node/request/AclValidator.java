package io.zkensemble.node.request;

import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the ACL of a create as Apache's PrepRequestProcessor.fixupACL does: duplicates removed, an
 * empty list or an id no provider accepts is InvalidACL. The "auth" scheme stands for the caller's
 * authenticated ids; without authentication it is InvalidACL too.
 */
final class AclValidator {
  private AclValidator() {}

  static List<ACL> fixup(String path, List<ACL> acl) {
    List<ACL> unique = new ArrayList<>();
    if (acl != null) {
      for (ACL entry : acl) {
        if (!unique.contains(entry)) {
          unique.add(entry);
        }
      }
    }
    if (unique.isEmpty()) {
      throw new ZkError(ErrorCode.INVALID_ACL, path);
    }
    for (ACL entry : unique) {
      if (entry == null || !isValid(entry.id())) {
        throw new ZkError(ErrorCode.INVALID_ACL, path);
      }
    }
    return unique;
  }

  private static boolean isValid(Id id) {
    if (id == null || id.scheme() == null) {
      return false;
    }
    return switch (id.scheme()) {
      case "world" -> "anyone".equals(id.id());
      case "digest" -> id.id() != null && id.id().split(":").length == 2;
      case "ip" -> id.id() != null && isIpExpression(id.id());
      default -> false;
    };
  }

  /** An IPv4 address with an optional prefix length (Apache's IPAuthenticationProvider.isValid). */
  private static boolean isIpExpression(String expression) {
    String[] parts = expression.split("/", 2);
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    try {
      for (String octet : octets) {
        int value = Integer.parseInt(octet);
        if (value < 0 || value > 255) {
          return false;
        }
      }
      if (parts.length == 2) {
        int bits = Integer.parseInt(parts[1]);
        return bits >= 0 && bits <= 32;
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

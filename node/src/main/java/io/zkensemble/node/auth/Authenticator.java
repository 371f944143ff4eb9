package io.zkensemble.node.auth;

import io.zkensemble.node.config.ServerOptions;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.ClientInfo;
import io.zkensemble.node.wire.data.Id;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The authentication schemes Apache ZooKeeper offers by default, and the ACL rules over them
 * (Apache's ProviderRegistry with its digest and ip providers, ZooKeeperServer.checkACL and
 * PrepRequestProcessor.fixupACL): "world:anyone" matches everyone, "digest:user:base64(sha1)" a
 * client that ran {@code addauth digest user:password}, "ip:address[/bits]" a client address, and
 * an id "super" (from the configured super digest) passes every check.
 */
public final class Authenticator {
  public static final String WORLD = "world";
  public static final String ANYONE = "anyone";
  public static final String DIGEST = "digest";
  public static final String IP = "ip";
  public static final String AUTH = "auth";
  public static final String SUPER = "super";

  private final ServerOptions options;

  public Authenticator(ServerOptions options) {
    this.options = options;
  }

  /** The ids every connection starts with: its address under the ip scheme. */
  public List<Id> initialIds(String remoteIp) {
    return List.of(new Id(IP, remoteIp));
  }

  /**
   * The ids an auth packet adds, or an empty list when it fails (AuthFailed): digest adds
   * "user:base64(sha1(user:password))" (and "super" when that is the super digest), ip adds the
   * client's address.
   */
  public List<Id> authenticate(String scheme, byte[] credentials, String remoteIp) {
    if (DIGEST.equals(scheme) && options.digestAuthEnabled()) {
      String digest = digest(new String(credentials, StandardCharsets.UTF_8));
      List<Id> ids = new ArrayList<>(2);
      if (digest.equals(options.superDigest())) {
        ids.add(new Id(SUPER, ""));
      }
      ids.add(new Id(DIGEST, digest));
      return ids;
    }
    if (IP.equals(scheme)) {
      return List.of(new Id(IP, remoteIp));
    }
    return List.of();
  }

  /** Apache's DigestAuthenticationProvider.generateDigest: "user:" + base64(sha1(id:password)). */
  public static String digest(String userPassword) {
    String user = userPassword.split(":", 2)[0];
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA1").digest(userPassword.getBytes(StandardCharsets.UTF_8));
      return user + ":" + Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1 is part of every JVM", e);
    }
  }

  /** True when {@code ids} may act with {@code perm} on a node with {@code acl}. */
  public boolean allows(List<ACL> acl, int perm, List<Id> ids) {
    if (options.skipAcl() || acl == null || acl.isEmpty()) {
      return true;
    }
    for (Id id : ids) {
      if (SUPER.equals(id.scheme())) {
        return true;
      }
    }
    for (ACL entry : acl) {
      if ((entry.perms() & perm) == 0) {
        continue;
      }
      Id granted = entry.id();
      if (WORLD.equals(granted.scheme()) && ANYONE.equals(granted.id())) {
        return true;
      }
      for (Id id : ids) {
        if (id.scheme().equals(granted.scheme()) && matches(id.scheme(), id.id(), granted.id())) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean matches(String scheme, String id, String aclId) {
    return switch (scheme) {
      case DIGEST -> options.digestAuthEnabled() && id.equals(aclId);
      case IP -> IpAddresses.matches(id, aclId);
      default -> false;
    };
  }

  /**
   * Checks a new ACL as Apache's fixupACL does: duplicates removed; empty, unknown schemes or
   * malformed ids refused (null result); "auth" replaced by the caller's authenticated ids (digest
   * ones: ip is not an authentication, "super" has no provider).
   */
  public List<ACL> fixup(List<ACL> acl, List<Id> ids) {
    List<ACL> unique = new ArrayList<>();
    if (acl != null) {
      for (ACL entry : acl) {
        if (!unique.contains(entry)) {
          unique.add(entry);
        }
      }
    }
    if (unique.isEmpty()) {
      return null;
    }
    List<ACL> fixed = new ArrayList<>();
    for (ACL entry : unique) {
      Id id = entry == null ? null : entry.id();
      if (id == null || id.scheme() == null) {
        return null;
      }
      if (WORLD.equals(id.scheme()) && ANYONE.equals(id.id())) {
        fixed.add(entry);
      } else if (AUTH.equals(id.scheme())) {
        boolean any = false;
        for (Id authenticated : ids) {
          if (DIGEST.equals(authenticated.scheme()) && options.digestAuthEnabled()) {
            fixed.add(new ACL(entry.perms(), authenticated));
            any = true;
          }
        }
        if (!any) {
          return null;
        }
      } else if (isValid(id)) {
        fixed.add(entry);
      } else {
        return null;
      }
    }
    return fixed;
  }

  private boolean isValid(Id id) {
    if (id.id() == null) {
      return false;
    }
    return switch (id.scheme()) {
      case DIGEST -> options.digestAuthEnabled() && id.id().split(":").length == 2;
      case IP -> IpAddresses.isValid(id.id());
      default -> false;
    };
  }

  /** whoAmI: each id as scheme and user name (Apache's AuthUtil.getClientInfos). */
  public static List<ClientInfo> clientInfos(List<Id> ids) {
    List<ClientInfo> infos = new ArrayList<>(ids.size());
    for (Id id : ids) {
      String user =
          switch (id.scheme()) {
            case DIGEST -> id.id().split(":")[0];
            case IP -> id.id();
            default -> "";
          };
      infos.add(new ClientInfo(id.scheme(), user));
    }
    return infos;
  }
}

package io.zkensemble.node.session;

import java.util.Arrays;
import java.util.Random;

/**
 * Session passwords exactly as Apache ZooKeeper derives them (ZooKeeperServer.generatePasswd), so
 * that a client may resume its session on any server of a mixed ensemble.
 */
public final class SessionPasswords {
  /** Apache's ZooKeeperServer.superSecret. */
  private static final long SUPER_SECRET = 0XB3415C00L;

  /** Apache's password length in bytes. */
  public static final int LENGTH = 16;

  private SessionPasswords() {}

  public static byte[] generate(long sessionId) {
    byte[] password = new byte[LENGTH];
    new Random(sessionId ^ SUPER_SECRET).nextBytes(password);
    return password;
  }

  public static boolean matches(long sessionId, byte[] password) {
    return sessionId != 0 && Arrays.equals(password, generate(sessionId));
  }
}

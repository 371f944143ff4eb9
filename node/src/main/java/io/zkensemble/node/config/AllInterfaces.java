package io.zkensemble.node.config;

/**
 * Where a listener configured for all interfaces (0.0.0.0 or ::) binds. Normally there: but with
 * {@code -Dzkensemble.wildcardAddress=127.0.1.5} on that one address. Several nodes with the same
 * zoo.cfg can then share one host, each on its own address, as pods share a cluster each in a
 * network namespace of its own: the operator's end-to-end tests run pods that way. The client,
 * quorum, election, admin and metrics ports follow it.
 */
public final class AllInterfaces {
  public static final String PROPERTY = "zkensemble.wildcardAddress";

  private AllInterfaces() {}

  /** {@code host}, or the wildcard address when host means all interfaces and one is set. */
  public static String bindHost(String host) {
    String wildcard = System.getProperty(PROPERTY);
    boolean all = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    return all && wildcard != null && !wildcard.isBlank() ? wildcard : host;
  }
}

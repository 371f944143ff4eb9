package io.zkensemble.node.quorum;

import io.zkensemble.node.config.ConfigException;
import io.zkensemble.node.config.DynamicConfigFile;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.config.QuorumServer;
import io.zkensemble.node.zab.Membership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The configuration in force, with the servers' addresses, for the connections (read from their
 * event loops) and the reconfig checks; activating a reconfig replaces it and writes it where a
 * restart finds it, as Apache's QuorumPeer.setQuorumVerifier does.
 */
public final class EnsembleConfig {
  private static final Logger LOG = Logger.getLogger(EnsembleConfig.class);

  private volatile QuorumConfig current;

  public EnsembleConfig(QuorumConfig initial) {
    this.current = initial;
  }

  public QuorumConfig current() {
    return current;
  }

  /** Puts the configuration the core activated in force; call on the driver's thread. */
  void activate(Membership membership) {
    QuorumConfig next;
    try {
      next = current.withText(membership.text());
    } catch (ConfigException e) {
      throw new IllegalStateException("configuration " + membership.text() + ": " + e.getMessage());
    }
    current = next;
    Path zooCfg = next.options().configFile();
    if (zooCfg == null) {
      LOG.infof("Configuration %s in force: %s", Long.toHexString(next.version()), next.servers());
      return;
    }
    try {
      Path dynamic = DynamicConfigFile.write(zooCfg, next);
      LOG.infof(
          "Configuration %s in force, written to %s", Long.toHexString(next.version()), dynamic);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dynamic config file next to " + zooCfg, e);
    }
  }

  /** Server {@code id}'s election address, or null for an id not in the configuration. */
  public InetSocketAddress electionAddress(long id) {
    QuorumServer server = current.server(id);
    return server == null ? null : new InetSocketAddress(server.host(), server.electionPort());
  }

  /** Server {@code id}'s quorum address, or null for an id not in the configuration. */
  public InetSocketAddress quorumAddress(long id) {
    QuorumServer server = current.server(id);
    return server == null ? null : new InetSocketAddress(server.host(), server.quorumPort());
  }
}

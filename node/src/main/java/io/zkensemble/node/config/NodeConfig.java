package io.zkensemble.node.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a node needs from zoo.cfg, validated and with Apache ZooKeeper's defaults applied.
 *
 * @param clientAddress where clients connect; an unresolved wildcard host means all interfaces
 * @param fourLetterWords the four-letter words this node answers (4lw.commands.whitelist)
 * @param options switches Apache reads from system properties
 * @param storage how the transaction log and snapshots are written
 * @param myid this server's id: from the myid file in a replicated ensemble, 0 when standalone
 * @param quorum the ensemble, or null when the node runs standalone
 * @param admin the admin HTTP server and the metrics endpoint
 */
public record NodeConfig(
    Path dataDir,
    Path dataLogDir,
    InetSocketAddress clientAddress,
    int tickTime,
    int initLimit,
    int syncLimit,
    int maxClientCnxns,
    int minSessionTimeout,
    int maxSessionTimeout,
    int juteMaxBuffer,
    Set<String> fourLetterWords,
    ServerOptions options,
    StorageOptions storage,
    long myid,
    QuorumConfig quorum,
    AdminOptions admin) {

  public NodeConfig {
    if (quorum != null && quorum.myId() != myid) {
      throw new IllegalArgumentException("myid " + myid + " is not the quorum's " + quorum.myId());
    }
  }

  /** Apache's default jute.maxbuffer: 0xfffff bytes, just under 1 MiB. */
  public static final int DEFAULT_JUTE_MAX_BUFFER = 0xfffff;

  /** Apache's default tickTime in milliseconds (ZooKeeperServer.DEFAULT_TICK_TIME). */
  public static final int DEFAULT_TICK_TIME = 3000;

  /** Apache's default per-IP connection limit (ServerCnxnFactory maxClientCnxns). */
  public static final int DEFAULT_MAX_CLIENT_CNXNS = 60;

  /** Whether this node is one server of a replicated ensemble (not standalone). */
  public boolean replicated() {
    return quorum != null;
  }
}

package io.zkensemble.operator.resources;

import io.zkensemble.operator.api.ConfigSpec;
import io.zkensemble.operator.api.MemberIds;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.PortsSpec;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus.MembershipStatus;
import io.zkensemble.operator.membership.Membership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The node's configuration in Apache ZooKeeper 3.9's formats: the static zoo.cfg, the same for
 * every member, and the dynamic file with the membership ({@code server.N} lines and {@code
 * version}) members start from.
 */
public final class ZooCfg {
  /** Where each member's volume is mounted; the node's dataDir, holding myid. */
  public static final String DATA_DIR = "/data";

  /** The Prometheus provider Apache needs to serve metricsProvider.httpPort. */
  static final String PROMETHEUS_PROVIDER =
      "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

  private ZooCfg() {}

  /** The static zoo.cfg. Membership is not in it: see {@link #dynamic}. */
  public static String staticConfig(ZkEnsemble ensemble) {
    ConfigSpec config = ensemble.getSpec().config;
    PortsSpec ports = ensemble.getSpec().ports;
    StringBuilder cfg = new StringBuilder();
    cfg.append("# Rendered by the zkensemble operator from ZkEnsemble ")
        .append(ensemble.getMetadata().getNamespace())
        .append('/')
        .append(ensemble.getMetadata().getName())
        .append(": change the ZkEnsemble, not this file.\n");
    line(cfg, "dataDir", DATA_DIR);
    line(cfg, "clientPort", ports.client);
    line(cfg, "tickTime", config.tickTime);
    line(cfg, "initLimit", config.initLimit);
    line(cfg, "syncLimit", config.syncLimit);
    line(cfg, "snapCount", config.snapCount);
    line(cfg, "autopurge.snapRetainCount", config.autopurge.snapRetainCount);
    line(cfg, "autopurge.purgeInterval", config.autopurge.purgeInterval);
    line(cfg, "maxClientCnxns", config.maxClientCnxns);
    // A member of one is still an ensemble that may grow: never fall back to standalone mode.
    line(cfg, "standaloneEnabled", false);
    // Only the super user (the operator) may reconfig: /zookeeper/config is read-only for others.
    line(cfg, "reconfigEnabled", true);
    // A pod's own DNS name may not resolve yet when it binds its quorum and election ports.
    line(cfg, "quorumListenOnAllIPs", true);
    line(cfg, "admin.serverPort", ports.admin);
    line(cfg, "metricsProvider.className", PROMETHEUS_PROVIDER);
    line(cfg, "metricsProvider.httpPort", ports.metrics);
    for (Map.Entry<String, String> extra : config.extra.entrySet()) {
      line(cfg, extra.getKey(), extra.getValue());
    }
    return cfg.toString();
  }

  /**
   * The dynamic file members start from: the configuration the operator last saw in force
   * (status.membership), or, before the first, every member the spec asks for as version 0.
   */
  public static String dynamic(ZkEnsemble ensemble) {
    MembershipStatus recorded =
        ensemble.getStatus() == null ? null : ensemble.getStatus().membership;
    return (recorded != null
            ? Membership.of(recorded)
            : new Membership(0, desiredServers(ensemble)))
        .render();
  }

  /** Every member the spec asks for: their server lines without the key, by id. */
  public static SortedMap<Long, String> desiredServers(ZkEnsemble ensemble) {
    SortedMap<Long, String> servers = new TreeMap<>();
    for (MemberKind kind : MemberKind.values()) {
      for (int ordinal = 0; ordinal < kind.desiredCount(ensemble.getSpec()); ordinal++) {
        servers.put(MemberIds.of(kind, ordinal), address(ensemble, kind, ordinal));
      }
    }
    return servers;
  }

  /** {@code host:quorumPort:electionPort:type;clientPort}, as Apache's reconfig writes it. */
  static String address(ZkEnsemble ensemble, MemberKind kind, int ordinal) {
    PortsSpec ports = ensemble.getSpec().ports;
    return Names.podHost(ensemble, kind, ordinal)
        + ":"
        + ports.quorum
        + ":"
        + ports.election
        + ":"
        + kind.label()
        + ";"
        + ports.client;
  }

  /** A short checksum of a rendered file; a different file gives a different checksum. */
  public static String checksum(String content) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      // 16 hex digits (64 bits) are plenty to tell apart the configs of one ensemble.
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void line(StringBuilder cfg, String key, Object value) {
    cfg.append(key).append('=').append(value).append('\n');
  }
}

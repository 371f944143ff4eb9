package io.zkensemble.operator.resources;

import io.zkensemble.operator.api.ConfigSpec;
import io.zkensemble.operator.api.MemberIds;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.PortsSpec;
import io.zkensemble.operator.api.ZkEnsemble;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The node's configuration in Apache ZooKeeper 3.9's formats: the static zoo.cfg, the same for
 * every member, and the dynamic file with the membership ({@code server.N} lines and {@code
 * version}).
 */
public final class ZooCfg {
  /** Where each member's volume is mounted; the node's dataDir, holding myid. */
  public static final String DATA_DIR = "/data";

  /** The Prometheus provider Apache needs to serve metricsProvider.httpPort. */
  static final String PROMETHEUS_PROVIDER =
      "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

  /**
   * Version 0 marks the membership the operator bootstraps with: any membership a reconfig commits
   * has a higher version (its zxid), so a member's own committed config wins over it.
   */
  static final String BOOTSTRAP_VERSION = "0";

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

  /** The dynamic file: one server line per member the spec asks for, then the version. */
  public static String dynamic(ZkEnsemble ensemble) {
    StringBuilder cfg = new StringBuilder();
    for (MemberKind kind : MemberKind.values()) {
      for (int ordinal = 0; ordinal < kind.desiredCount(ensemble.getSpec()); ordinal++) {
        cfg.append(serverLine(ensemble, kind, ordinal)).append('\n');
      }
    }
    line(cfg, "version", BOOTSTRAP_VERSION);
    return cfg.toString();
  }

  /** {@code server.N=host:quorumPort:electionPort:type;clientPort}, as Apache's reconfig writes. */
  static String serverLine(ZkEnsemble ensemble, MemberKind kind, int ordinal) {
    PortsSpec ports = ensemble.getSpec().ports;
    return "server."
        + MemberIds.of(kind, ordinal)
        + "="
        + Names.podHost(ensemble, kind, ordinal)
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

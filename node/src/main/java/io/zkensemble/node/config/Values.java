package io.zkensemble.node.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/** The zoo.cfg properties, trimmed, with a record of which keys were read. */
final class Values {
  private static final Logger LOG = Logger.getLogger(ZooCfg.class);

  /** Keys Apache ZooKeeper 3.9 accepts that this node does not act on yet. */
  private static final Set<String> ACCEPTED_NOT_USED =
      Set.of(
          "localSessionsEnabled",
          "localSessionsUpgradingEnabled",
          "secureClientPort",
          "secureClientPortAddress",
          "observerMasterPort",
          "clientPortListenBacklog",
          "connectToLearnerMasterLimit",
          "electionAlg",
          "quorumListenOnAllIPs",
          "peerType",
          "syncEnabled",
          "dynamicConfigFile",
          "standaloneEnabled",
          "reconfigEnabled",
          "sslQuorum",
          "portUnification",
          "sslQuorumReloadCertFiles",
          "quorum.cnxn.threads.size",
          "metricsProvider.className",
          "multiAddress.enabled",
          "multiAddress.reachabilityCheckTimeoutMs",
          "multiAddress.reachabilityCheckEnabled",
          "oraclePath",
          "snapSizeLimitInKb",
          "globalOutstandingLimit",
          "readonlymode.enabled",
          "admin.enableServer",
          "admin.serverAddress",
          "admin.serverPort",
          "admin.idleTimeout",
          "admin.commandURL",
          "digest.enabled");

  private final Properties properties;
  private final Set<String> read = new TreeSet<>();

  Values(Properties properties) {
    this.properties = properties;
  }

  String string(String key) {
    read.add(key);
    String value = properties.getProperty(key);
    return value == null ? null : value.trim();
  }

  /** The zoo.cfg value, else the Java system property Apache reads for it. */
  String string(String key, String systemProperty) {
    String value = string(key);
    if (value != null) {
      return value;
    }
    value = System.getProperty(systemProperty);
    return value == null ? null : value.trim();
  }

  int integer(String key, String systemProperty, int fallback) throws ConfigException {
    String value = string(key, systemProperty);
    return value == null ? fallback : parseInt(key, value);
  }

  private static int parseInt(String key, String value) throws ConfigException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "=" + value + " is not a number");
    }
  }

  /** A long from zoo.cfg or the system property of the same name; must not be negative. */
  long nonNegativeLong(String key, long fallback) throws ConfigException {
    return nonNegativeLong(key, key, fallback);
  }

  /** A long from zoo.cfg or Apache's system property for it; must not be negative. */
  long nonNegativeLong(String key, String systemProperty, long fallback) throws ConfigException {
    String value = string(key, systemProperty);
    if (value == null) {
      return fallback;
    }
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "=" + value + " is not a number");
    }
    if (number < 0) {
      throw new ConfigException(key + "=" + value + " must not be negative");
    }
    return number;
  }

  Path path(String key) {
    String value = string(key);
    return value == null || value.isEmpty() ? null : Path.of(value);
  }

  Integer integer(String key, Integer fallback) throws ConfigException {
    String value = string(key);
    if (value == null) {
      return fallback;
    }
    return parseInt(key, value);
  }

  int nonNegative(String key, int fallback) throws ConfigException {
    int value = integer(key, fallback);
    if (value < 0) {
      throw new ConfigException(key + "=" + value + " must not be negative");
    }
    return value;
  }

  void rejectReplicated() throws ConfigException {
    for (String key : keys()) {
      if (key.startsWith("server.")) {
        throw new ConfigException(
            key + ": replicated ensembles are not supported by this version; remove server lines");
      }
    }
  }

  void logUnused() {
    for (String key : keys()) {
      if (read.contains(key)) {
        continue;
      }
      if (ACCEPTED_NOT_USED.contains(key) || key.startsWith("metricsProvider.")) {
        LOG.infof("zoo.cfg: %s is accepted but not used by this version", key);
      } else {
        LOG.warnf("zoo.cfg: unknown key %s ignored", key);
      }
    }
  }

  private String[] keys() {
    String[] keys = properties.stringPropertyNames().toArray(String[]::new);
    Arrays.sort(keys);
    return keys;
  }
}

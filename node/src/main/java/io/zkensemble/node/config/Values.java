package io.zkensemble.node.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
          "syncEnabled",
          "sslQuorum",
          "portUnification",
          "sslQuorumReloadCertFiles",
          "quorum.cnxn.threads.size",
          "multiAddress.enabled",
          "multiAddress.reachabilityCheckTimeoutMs",
          "multiAddress.reachabilityCheckEnabled",
          "oraclePath",
          "snapSizeLimitInKb",
          "globalOutstandingLimit",
          "admin.idleTimeout",
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

  /**
   * Every key starting with {@code prefix} with its trimmed value, in the order the properties
   * iterate them: Apache builds its quorum from that same iteration, and the order shows in how it
   * renders the quorum.
   */
  List<Map.Entry<String, String>> startingWith(String prefix) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (Map.Entry<Object, Object> entry : properties.entrySet()) {
      String key = entry.getKey().toString();
      if (key.startsWith(prefix)) {
        read.add(key);
        entries.add(Map.entry(key, entry.getValue().toString().trim()));
      }
    }
    return entries;
  }

  /** A boolean as Apache parses zoo.cfg booleans: "true" or "false", any case, nothing else. */
  boolean bool(String key, boolean fallback) throws ConfigException {
    String value = string(key);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ConfigException(key + "=" + value + " is not 'true' or 'false'");
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

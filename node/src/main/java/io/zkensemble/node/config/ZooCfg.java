package io.zkensemble.node.config;

import io.zkensemble.node.storage.Compression;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Reads zoo.cfg the way Apache ZooKeeper's QuorumPeerConfig does (java.util.Properties syntax,
 * trimmed values) and validates it into a {@link NodeConfig}. A value that cannot run a node fails
 * with a {@link ConfigException} naming its key; a key we do not know is logged and ignored.
 */
public final class ZooCfg {
  private static final Logger LOG = Logger.getLogger(ZooCfg.class);

  /** Every four-letter word Apache ZooKeeper 3.9 knows (FourLetterCommands.cmd2String). */
  public static final Set<String> FOUR_LETTER_WORDS =
      Set.of(
          "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "stmk", "srst", "srvr",
          "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash");

  private ZooCfg() {}

  /** Reads and validates the zoo.cfg at {@code file}. */
  public static NodeConfig load(Path file) throws ConfigException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    return parse(properties, file);
  }

  /** Only the admin server's and metrics' settings of the zoo.cfg at {@code file}. */
  public static AdminOptions adminOptions(Path file) throws ConfigException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    return AdminOptions.read(new Values(properties));
  }

  /** Validates zoo.cfg properties into a {@link NodeConfig}. */
  public static NodeConfig parse(Properties properties) throws ConfigException {
    return parse(properties, null);
  }

  /**
   * Validates the properties of zoo.cfg at {@code file} (null when they come from elsewhere) into a
   * {@link NodeConfig}.
   */
  private static NodeConfig parse(Properties properties, Path file) throws ConfigException {
    Values values = new Values(properties);
    Path dataDir = values.path("dataDir");
    if (dataDir == null) {
      throw new ConfigException("dataDir is not set");
    }
    Path dataLogDir = values.path("dataLogDir");
    InetSocketAddress staticClient =
        staticClientAddress(values.integer("clientPort", null), values.string("clientPortAddress"));
    int tickTime = values.integer("tickTime", NodeConfig.DEFAULT_TICK_TIME);
    if (tickTime <= 0) {
      throw new ConfigException("tickTime=" + tickTime + " must be positive");
    }
    int minSessionTimeout = values.integer("minSessionTimeout", -1);
    int maxSessionTimeout = values.integer("maxSessionTimeout", -1);
    minSessionTimeout = minSessionTimeout == -1 ? 2 * tickTime : minSessionTimeout;
    maxSessionTimeout = maxSessionTimeout == -1 ? 20 * tickTime : maxSessionTimeout;
    if (minSessionTimeout <= 0) {
      throw new ConfigException("minSessionTimeout=" + minSessionTimeout + " must be positive");
    }
    if (minSessionTimeout > maxSessionTimeout) {
      throw new ConfigException(
          "minSessionTimeout="
              + minSessionTimeout
              + " must not be larger than maxSessionTimeout="
              + maxSessionTimeout);
    }
    int maxClientCnxns = values.nonNegative("maxClientCnxns", NodeConfig.DEFAULT_MAX_CLIENT_CNXNS);
    int initLimit = values.nonNegative("initLimit", 0);
    int syncLimit = values.nonNegative("syncLimit", 0);
    int juteMaxBuffer =
        values.integer("jute.maxbuffer", "jute.maxbuffer", NodeConfig.DEFAULT_JUTE_MAX_BUFFER);
    if (juteMaxBuffer <= 0) {
      throw new ConfigException("jute.maxbuffer=" + juteMaxBuffer + " must be positive");
    }
    ServerOptions options = options(values);
    StorageOptions storage = storage(values);
    QuorumCfg.Result quorum =
        QuorumCfg.read(values, file, dataDir, staticClient, initLimit, syncLimit);
    Set<String> fourLetterWords =
        fourLetterWords(
            values.string("4lw.commands.whitelist", "zookeeper.4lw.commands.whitelist"),
            quorum.quorum() != null && quorum.quorum().readOnlyMode());
    AdminOptions admin = AdminOptions.read(values);
    values.logUnused();
    return new NodeConfig(
        dataDir,
        dataLogDir == null ? dataDir : dataLogDir,
        quorum.clientAddress(),
        tickTime,
        initLimit,
        syncLimit,
        maxClientCnxns,
        minSessionTimeout,
        maxSessionTimeout,
        juteMaxBuffer,
        fourLetterWords,
        options,
        storage,
        quorum.quorum() == null ? 0 : quorum.quorum().myId(),
        quorum.quorum(),
        admin);
  }

  /** clientPort and clientPortAddress; null without clientPort (a server line may give it). */
  private static InetSocketAddress staticClientAddress(Integer clientPort, String clientPortAddress)
      throws ConfigException {
    if (clientPort == null) {
      if (clientPortAddress != null) {
        throw new ConfigException("clientPortAddress is set but clientPort is not set");
      }
      return null;
    }
    if (clientPort < 0 || clientPort > 65535) {
      throw new ConfigException("clientPort=" + clientPort + " is out of range 0..65535");
    }
    return clientPortAddress == null
        ? new InetSocketAddress(clientPort)
        : Hosts.socketAddress(clientPortAddress, clientPort);
  }

  private static StorageOptions storage(Values values) throws ConfigException {
    StorageOptions defaults = StorageOptions.defaults();
    String forceSync = values.string("forceSync", "zookeeper.forceSync");
    boolean sync = !"no".equals(forceSync);
    if (!sync) {
      LOG.warn(
          "forceSync=no: writes are acknowledged before they reach the disk and a crash loses"
              + " them. Use it for tests only.");
    }
    int snapCount = values.integer("snapCount", "zookeeper.snapCount", defaults.snapCount());
    if (snapCount < 2) {
      LOG.warnf("snapCount=%d is too small; using 2 (as Apache does)", snapCount);
      snapCount = 2;
    }
    long preAllocKb =
        values.nonNegativeLong(
            "preAllocSize", "zookeeper.preAllocSize", StorageOptions.DEFAULT_PRE_ALLOC_KB);
    int retain = values.integer("autopurge.snapRetainCount", "autopurge.snapRetainCount", 3);
    if (retain < StorageOptions.MIN_SNAP_RETAIN_COUNT) {
      LOG.warnf("autopurge.snapRetainCount=%d is below 3; keeping 3 (as Apache does)", retain);
      retain = StorageOptions.MIN_SNAP_RETAIN_COUNT;
    }
    int purgeInterval = values.integer("autopurge.purgeInterval", "autopurge.purgeInterval", 0);
    if (purgeInterval < 0) {
      throw new ConfigException(
          "autopurge.purgeInterval=" + purgeInterval + " must not be negative");
    }
    return new StorageOptions(
        sync,
        snapCount,
        preAllocKb * 1024,
        Compression.named(
            values.string("snapshot.compression.method", "zookeeper.snapshot.compression.method")),
        retain,
        purgeInterval);
  }

  private static ServerOptions options(Values values) throws ConfigException {
    ServerOptions defaults = ServerOptions.defaults();
    return new ServerOptions(
        "true"
            .equalsIgnoreCase(
                values.string("extendedTypesEnabled", "zookeeper.extendedTypesEnabled")),
        "yes".equals(values.string("skipACL", "zookeeper.skipACL")),
        "true".equalsIgnoreCase(values.string("enforceQuota", "zookeeper.enforceQuota")),
        !"false"
            .equalsIgnoreCase(
                values.string(
                    "DigestAuthenticationProvider.enabled",
                    "zookeeper.DigestAuthenticationProvider.enabled")),
        values.string(
            "DigestAuthenticationProvider.superDigest",
            "zookeeper.DigestAuthenticationProvider.superDigest"),
        positive(values, "znode.container.checkIntervalMs", defaults.containerCheckIntervalMs()),
        positive(values, "znode.container.maxPerMinute", defaults.containerMaxPerMinute()),
        values.nonNegativeLong("znode.container.maxNeverUsedIntervalMs", 0));
  }

  /** An integer that must be positive, from zoo.cfg or the system property of the same name. */
  private static int positive(Values values, String key, int fallback) throws ConfigException {
    int value = values.integer(key, key, fallback);
    if (value <= 0) {
      throw new ConfigException(key + "=" + value + " must be positive");
    }
    return value;
  }

  /**
   * 4lw.commands.whitelist as Apache's FourLetterCommands.isEnabled reads it: a comma list, "*" for
   * every word; srvr is always on (zkServer.sh uses it), and isro too with readonlymode.enabled.
   * Apache keeps any name given; one that is no four-letter word enables nothing, so it is logged.
   */
  private static Set<String> fourLetterWords(String whitelist, boolean readOnlyMode) {
    Set<String> enabled = new TreeSet<>();
    if (whitelist != null) {
      for (String word : whitelist.split(",")) {
        String command = word.trim();
        if (command.equals("*")) {
          enabled.addAll(FOUR_LETTER_WORDS);
          break;
        }
        if (FOUR_LETTER_WORDS.contains(command)) {
          enabled.add(command);
        } else if (!command.isEmpty()) {
          LOG.warnf("4lw.commands.whitelist: '%s' is not a four-letter word; ignored", command);
        }
      }
    }
    if (readOnlyMode) {
      enabled.add("isro");
    }
    enabled.add("srvr");
    return Collections.unmodifiableSet(enabled);
  }
}

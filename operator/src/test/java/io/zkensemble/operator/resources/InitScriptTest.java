package io.zkensemble.operator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.membership.Membership;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the init container's script with /bin/sh, on the ConfigMap's files, as a pod would, with its
 * /data and /config moved into a temporary directory; the volume may hold what an earlier pod of
 * the member left there.
 */
class InitScriptTest {
  private static final String DIGEST = "super:abc=";

  @TempDir Path dir;

  private final ZkEnsemble zk = Ensembles.zk("ns");

  @Test
  void aBootstrappingMemberStartsFromEveryMemberTheSpecAsksForAsVersionZero() throws Exception {
    Properties cfg = runInit(new ObserverStatefulSetDependent().desired(zk, null), "zk-observer-1");

    assertEquals("1002", Files.readString(dir.resolve("data/myid")).strip());
    assertEquals("observer", cfg.getProperty("peerType"));
    assertEquals("/data", cfg.getProperty("dataDir"));
    assertEquals(DIGEST, cfg.getProperty("DigestAuthenticationProvider.superDigest"));
    assertEquals("true", cfg.getProperty("reconfigEnabled"));
    assertEquals(dir + "/data/zoo.cfg.dynamic.0", cfg.getProperty("dynamicConfigFile"));
    Properties dynamic = dynamic(cfg);
    assertEquals(
        "zk-observer-1.zk-headless.ns.svc:2888:3888:observer;2181",
        dynamic.getProperty("server.1002"));
    assertEquals(5, dynamic.size(), "server lines only: the version is in the file's name");
  }

  @Test
  void participantOrdinalEightIsIdNine() throws Exception {
    runInit(new ParticipantStatefulSetDependent().desired(zk, null), "zk-8");

    assertEquals("9", Files.readString(dir.resolve("data/myid")).strip());
  }

  @Test
  void aJoiningMemberStartsFromTheConfigurationInForcePlusItselfAsVersionZero() throws Exception {
    recordMembership(0x100000005L, 1, 2, 3);

    Properties cfg = runInit(new ParticipantStatefulSetDependent().desired(zk, null), "zk-3");

    assertEquals(dir + "/data/zoo.cfg.dynamic.0", cfg.getProperty("dynamicConfigFile"));
    Properties dynamic = dynamic(cfg);
    assertEquals(List.of("server.1", "server.2", "server.3", "server.4"), keys(dynamic));
    assertEquals(
        "zk-3.zk-headless.ns.svc:2888:3888:participant;2181", dynamic.getProperty("server.4"));
  }

  @Test
  void aMemberStartsFromTheConfigurationInForceAsItIs() throws Exception {
    recordMembership(0x100000005L, 1, 2, 3);

    Properties cfg = runInit(new ParticipantStatefulSetDependent().desired(zk, null), "zk-1");

    assertEquals(dir + "/data/zoo.cfg.dynamic.100000005", cfg.getProperty("dynamicConfigFile"));
    assertEquals(List.of("server.1", "server.2", "server.3"), keys(dynamic(cfg)));
  }

  @Test
  void aMemberWhoseOwnConfigurationIsNewerStartsFromItsOwn() throws Exception {
    recordMembership(0x100000005L, 1, 2, 3);
    ownConfiguration(0x200000001L, 1, 2, 3, 4, 5);

    Properties cfg = runInit(new ParticipantStatefulSetDependent().desired(zk, null), "zk-1");

    assertEquals(dir + "/data/zoo.cfg.dynamic.200000001", cfg.getProperty("dynamicConfigFile"));
    assertEquals(
        List.of("server.1", "server.2", "server.3", "server.4", "server.5"), keys(dynamic(cfg)));
  }

  @Test
  void aRemovedMemberBackWithItsOldVolumeJoinsAgainInsteadOfUsingItsStaleConfiguration()
      throws Exception {
    // zk-4 (id 5) was a voter in 0x100000009, removed in 0x20000000a; its volume was kept.
    recordMembership(0x20000000aL, 1, 2, 3);
    ownConfiguration(0x100000009L, 1, 2, 3, 4, 5);

    Properties cfg = runInit(new ParticipantStatefulSetDependent().desired(zk, null), "zk-4");

    assertEquals(dir + "/data/zoo.cfg.dynamic.0", cfg.getProperty("dynamicConfigFile"));
    assertEquals(List.of("server.1", "server.2", "server.3", "server.5"), keys(dynamic(cfg)));
  }

  @Test
  void aJoinerThatAdoptedTheLeadersConfigurationBeforeItWasAddedFindsItselfAgain()
      throws Exception {
    // Synced, zk-3 took the leader's 0x100000007 (without itself) and its pod restarted.
    recordMembership(0x100000005L, 1, 2, 3);
    ownConfiguration(0x100000007L, 1, 2, 3);

    Properties cfg = runInit(new ParticipantStatefulSetDependent().desired(zk, null), "zk-3");

    assertEquals(dir + "/data/zoo.cfg.dynamic.0", cfg.getProperty("dynamicConfigFile"));
    assertEquals(List.of("server.1", "server.2", "server.3", "server.4"), keys(dynamic(cfg)));
  }

  private void recordMembership(long version, long... ids) {
    zk.setStatus(new ZkEnsembleStatus());
    zk.getStatus().membership = membership(version, ids).toStatus();
  }

  /** A zoo.cfg and dynamic file as the node leaves them once a configuration came into force. */
  private void ownConfiguration(long version, long... ids) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path dynamic = data.resolve("zoo.cfg.dynamic." + Long.toHexString(version));
    Files.writeString(dynamic, String.join("\n", membership(version, ids).serverLines()) + "\n");
    Files.writeString(
        data.resolve("zoo.cfg"), "dataDir=/data\ndynamicConfigFile=" + dynamic + "\n");
  }

  private Membership membership(long version, long... ids) {
    Map<Long, String> all = ZooCfg.desiredServers(Ensembles.zk("ns"));
    for (int ordinal = 3; ordinal < 5; ordinal++) {
      all.put((long) ordinal + 1, ZooCfg.address(zk, MemberKind.PARTICIPANT, ordinal));
    }
    TreeMap<Long, String> servers = new TreeMap<>();
    for (long id : ids) {
      servers.put(id, all.get(id));
    }
    return new Membership(version, servers);
  }

  private Properties runInit(StatefulSet set, String podName)
      throws IOException, InterruptedException {
    ConfigMap config = new ConfigMapDependent().desired(zk, null);
    Path configDir = Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(dir.resolve("data"));
    for (Map.Entry<String, String> file : config.getData().entrySet()) {
      Files.writeString(configDir.resolve(file.getKey()), file.getValue());
    }
    Container init = MemberStatefulSetDependentTest.initContainer(set);
    String script =
        init.getCommand()
            .get(2)
            .replace(ZooCfg.DATA_DIR + "/", dir + "/data/")
            .replace(MemberPodTemplate.CONFIG_DIR + "/", dir + "/config/");
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : init.getEnv()) {
      String value = var.getValue();
      if (value == null) {
        value = var.getValueFrom().getSecretKeyRef() != null ? DIGEST : podName;
      }
      env.put(var.getName(), value);
    }
    List<String> command = List.of(init.getCommand().get(0), init.getCommand().get(1), script);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), "the script failed: " + output);
    return properties(dir.resolve("data/zoo.cfg"));
  }

  private static Properties dynamic(Properties cfg) throws IOException {
    return properties(Path.of(cfg.getProperty("dynamicConfigFile")));
  }

  private static List<String> keys(Properties properties) {
    return properties.stringPropertyNames().stream().sorted().toList();
  }

  private static Properties properties(Path file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file)));
    return properties;
  }
}

package io.zkensemble.operator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.ZkEnsemble;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigMapDependentTest {
  private final ConfigMapDependent dependent = new ConfigMapDependent();

  @Test
  void zooCfgHoldsTheSpecsSettingsAndTheOperatorsOwnKeys() throws IOException {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().config.tickTime = 3000;
    zk.getSpec().config.extra.put("4lw.commands.whitelist", "srvr,mntr");

    Properties cfg = properties(dependent.desired(zk, null), ConfigMapDependent.STATIC_FILE);

    assertEquals("/data", cfg.getProperty("dataDir"));
    assertEquals("2181", cfg.getProperty("clientPort"));
    assertEquals("3000", cfg.getProperty("tickTime"));
    assertEquals("10", cfg.getProperty("initLimit"));
    assertEquals("5", cfg.getProperty("syncLimit"));
    assertEquals("100000", cfg.getProperty("snapCount"));
    assertEquals("3", cfg.getProperty("autopurge.snapRetainCount"));
    assertEquals("1", cfg.getProperty("autopurge.purgeInterval"));
    assertEquals("60", cfg.getProperty("maxClientCnxns"));
    assertEquals("false", cfg.getProperty("standaloneEnabled"));
    assertEquals("true", cfg.getProperty("quorumListenOnAllIPs"));
    assertEquals("8080", cfg.getProperty("admin.serverPort"));
    assertEquals("7000", cfg.getProperty("metricsProvider.httpPort"));
    assertEquals("srvr,mntr", cfg.getProperty("4lw.commands.whitelist"));
    assertTrue(
        cfg.stringPropertyNames().stream().noneMatch(key -> key.startsWith("server.")),
        "the membership is in the dynamic file only");
  }

  @Test
  void dynamicFileListsParticipantsThenObserversWithTheirIdsAndVersionZero() {
    ZkEnsemble zk = Ensembles.zk("ns");

    String dynamic = dependent.desired(zk, null).getData().get(ConfigMapDependent.DYNAMIC_FILE);

    assertEquals(
        List.of(
            "server.1=zk-0.zk-headless.ns.svc:2888:3888:participant;2181",
            "server.2=zk-1.zk-headless.ns.svc:2888:3888:participant;2181",
            "server.3=zk-2.zk-headless.ns.svc:2888:3888:participant;2181",
            "server.1001=zk-observer-0.zk-headless.ns.svc:2888:3888:observer;2181",
            "server.1002=zk-observer-1.zk-headless.ns.svc:2888:3888:observer;2181",
            "version=0"),
        dynamic.lines().toList());
  }

  @Test
  void portsOfTheSpecAppearOnTheServerLines() {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().observers = 0;
    zk.getSpec().replicas = 1;
    zk.getSpec().ports.client = 12181;
    zk.getSpec().ports.quorum = 12888;
    zk.getSpec().ports.election = 13888;

    String dynamic = dependent.desired(zk, null).getData().get(ConfigMapDependent.DYNAMIC_FILE);

    assertEquals(
        List.of("server.1=zk-0.zk-headless.ns.svc:12888:13888:participant;12181", "version=0"),
        dynamic.lines().toList());
  }

  @Test
  void checksumFollowsTheStaticConfigOnly() {
    ZkEnsemble zk = Ensembles.zk("ns");
    String before = ZooCfg.checksum(ZooCfg.staticConfig(zk));

    zk.getSpec().replicas = 5;
    assertEquals(before, ZooCfg.checksum(ZooCfg.staticConfig(zk)), "membership is no restart");

    zk.getSpec().config.syncLimit = 6;
    assertNotEquals(before, ZooCfg.checksum(ZooCfg.staticConfig(zk)));
  }

  @Test
  void carriesTheEnsemblesLabels() {
    ConfigMap map = dependent.desired(Ensembles.zk("ns"), null);

    assertEquals("zk-config", map.getMetadata().getName());
    assertEquals("ns", map.getMetadata().getNamespace());
    assertEquals("zk", map.getMetadata().getLabels().get(Labels.INSTANCE));
    assertEquals(Labels.OPERATOR, map.getMetadata().getLabels().get(Labels.MANAGED_BY));
  }

  private static Properties properties(ConfigMap map, String file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(map.getData().get(file)));
    return properties;
  }
}

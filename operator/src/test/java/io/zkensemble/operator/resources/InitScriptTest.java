package io.zkensemble.operator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.ZkEnsemble;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the init container's script with /bin/sh, on the ConfigMap's files, as a pod would, with its
 * /data and /config moved into a temporary directory.
 */
class InitScriptTest {
  @TempDir Path dir;

  @Test
  void secondObserverGetsId1002AndAZooCfgWithEveryServerAndItsPeerType() throws Exception {
    ZkEnsemble zk = Ensembles.zk("ns");

    Properties cfg =
        runInit(zk, new ObserverStatefulSetDependent().desired(zk, null), "zk-observer-1");

    assertEquals("1002", Files.readString(dir.resolve("data/myid")).strip());
    assertEquals("observer", cfg.getProperty("peerType"));
    assertEquals("/data", cfg.getProperty("dataDir"));
    assertEquals(
        "zk-observer-1.zk-headless.ns.svc:2888:3888:observer;2181", cfg.getProperty("server.1002"));
    assertEquals(
        5, cfg.stringPropertyNames().stream().filter(key -> key.startsWith("server.")).count());
    assertEquals(null, cfg.getProperty("version"), "the version line is the dynamic file's own");
  }

  @Test
  void participantOrdinalTenIsIdEleven() throws Exception {
    ZkEnsemble zk = Ensembles.zk("ns");

    Properties cfg = runInit(zk, new ParticipantStatefulSetDependent().desired(zk, null), "zk-10");

    assertEquals("11", Files.readString(dir.resolve("data/myid")).strip());
    assertEquals("participant", cfg.getProperty("peerType"));
  }

  private Properties runInit(ZkEnsemble zk, StatefulSet set, String podName)
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
      env.put(var.getName(), var.getValue() != null ? var.getValue() : podName);
    }
    List<String> command = List.of(init.getCommand().get(0), init.getCommand().get(1), script);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), "the script failed: " + output);
    Properties cfg = new Properties();
    cfg.load(new StringReader(Files.readString(dir.resolve("data/zoo.cfg"))));
    return cfg;
  }
}

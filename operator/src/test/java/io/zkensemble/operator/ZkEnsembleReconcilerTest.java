package io.zkensemble.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.api.ZkEnsembleStatus.Phase;
import io.zkensemble.operator.membership.Membership;
import io.zkensemble.operator.resources.ConfigMapDependent;
import io.zkensemble.operator.resources.MemberPodTemplate;
import io.zkensemble.operator.resources.Names;
import io.zkensemble.operator.resources.ServiceMonitor;
import io.zkensemble.operator.resources.ServiceMonitorDependent;
import io.zkensemble.operator.resources.SuperCredentials;
import io.zkensemble.operator.status.FakePods;
import io.zkensemble.operator.status.MemberReport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The operator against fabric8's mock API server in CRUD mode: objects are stored and watched as by
 * a real API server, but no controller runs (no StatefulSet controller, no garbage collector), so
 * the tests make the pods themselves. Each test has a namespace of its own.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ZkEnsembleReconcilerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Inject KubernetesClient client;
  @Inject FakeEnsembleObserver observer;
  @Inject FakeEnsembleClient ensembles;

  @Test
  void createdEnsembleOwnsEveryObjectWithTheExpectedContent(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});

    Map<String, HasMetadata> owned = awaitOwnedObjects(zk);

    ZkEnsemble stored = stored(zk);
    for (HasMetadata object : owned.values()) {
      OwnerReference owner = object.getMetadata().getOwnerReferences().getFirst();
      assertEquals(stored.getMetadata().getUid(), owner.getUid(), object.getFullResourceName());
      assertEquals("ZkEnsemble", owner.getKind());
      assertEquals("zkensemble.io/v1alpha1", owner.getApiVersion());
    }
    StatefulSet participants = (StatefulSet) owned.get("participants");
    assertEquals(3, participants.getSpec().getReplicas());
    assertEquals("OnDelete", participants.getSpec().getUpdateStrategy().getType());
    assertEquals(2, ((StatefulSet) owned.get("observers")).getSpec().getReplicas());
    assertTrue(
        ((Service) owned.get("headless")).getSpec().getPublishNotReadyAddresses(),
        () -> Serialization.asYaml(owned.get("headless")));
    assertEquals(5, serverLines((ConfigMap) owned.get("config")).size());
    assertEquals(
        1, ((PodDisruptionBudget) owned.get("pdb")).getSpec().getMaxUnavailable().getIntVal());
    Secret secret = (Secret) owned.get("secret");
    String password = SuperCredentials.password(secret).orElseThrow();
    assertTrue(password.length() >= 32, password);
    assertTrue(secret.getStringData().get(SuperCredentials.DIGEST).startsWith("super:"));
    await().atMost(TIMEOUT).until(() -> stored(zk).getStatus() != null);
    assertEquals(Phase.Creating, stored(zk).getStatus().phase);
    assertEquals(1L, stored(zk).getStatus().observedGeneration);
  }

  @Test
  void scalingUpAddsOneMemberAtATimeThroughReconfig(TestInfo test) {
    ZkEnsemble zk = running(namespace(test));
    String ns = zk.getMetadata().getNamespace();
    Map<String, HasMetadata> before = ownedObjects(zk);

    update(zk, e -> e.getSpec().replicas = 5);

    await().atMost(TIMEOUT).until(() -> statefulSet(zk, "zk").getSpec().getReplicas() == 4);
    assertEquals(List.of(), ensembles.requests(ns), "no reconfig before the new member synced");
    createReadyPod(zk, MemberKind.PARTICIPANT, 3, "follower");
    await().atMost(TIMEOUT).until(() -> statefulSet(zk, "zk").getSpec().getReplicas() == 5);
    createReadyPod(zk, MemberKind.PARTICIPANT, 4, "follower");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                serverLines(configMap(zk)).size() == 7
                    && stored(zk).getStatus().phase == Phase.Running);
    assertEquals(
        List.of(
            ns
                + ": reconfig -add server.4=zk-3.zk-headless."
                + ns
                + ".svc:2888:3888:participant;2181",
            ns
                + ": reconfig -add server.5=zk-4.zk-headless."
                + ns
                + ".svc:2888:3888:participant;2181"),
        ensembles.requests(ns));
    Map<String, HasMetadata> after = ownedObjects(zk);
    assertEquals(
        staticCfg(before), staticCfg(after), "a new member needs no restart of the others");
    assertEquals(template(before, "participants"), template(after, "participants"));
    assertUnchanged(before, after, "headless", "client", "observers", "pdb", "secret");
  }

  @Test
  void removedObserversLeaveTheConfigurationBeforeTheirPodsGoHighestFirst(TestInfo test) {
    ZkEnsemble zk = running(namespace(test));
    String ns = zk.getMetadata().getNamespace();
    Map<String, HasMetadata> before = ownedObjects(zk);

    update(zk, e -> e.getSpec().observers = 0);

    await()
        .atMost(TIMEOUT)
        .until(() -> statefulSet(zk, "zk-observer").getSpec().getReplicas() == 1);
    assertEquals(List.of(ns + ": reconfig -remove 1002"), ensembles.requests(ns));
    client.pods().inNamespace(ns).withName("zk-observer-1").delete();
    await()
        .atMost(TIMEOUT)
        .until(() -> statefulSet(zk, "zk-observer").getSpec().getReplicas() == 0);
    assertEquals(
        List.of(ns + ": reconfig -remove 1002", ns + ": reconfig -remove 1001"),
        ensembles.requests(ns));
    assertTrue(serverLines(configMap(zk)).stream().noneMatch(line -> line.contains(":observer")));
    assertUnchanged(before, ownedObjects(zk), "headless", "client", "participants", "pdb");
  }

  @Test
  void aConfigChangeRendersANewZooCfgAndChecksumForEveryMember(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});
    Map<String, HasMetadata> before = awaitOwnedObjects(zk);

    update(zk, e -> e.getSpec().config.tickTime = 3000);

    await().atMost(TIMEOUT).until(() -> staticCfg(ownedObjects(zk)).contains("tickTime=3000\n"));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                !checksum(statefulSet(zk, "zk"))
                        .equals(checksum((StatefulSet) before.get("participants")))
                    && !checksum(statefulSet(zk, "zk-observer"))
                        .equals(checksum((StatefulSet) before.get("observers"))));
    Map<String, HasMetadata> after = ownedObjects(zk);
    assertEquals(
        serverLines((ConfigMap) before.get("config")),
        serverLines((ConfigMap) after.get("config")));
    assertUnchanged(before, after, "headless", "client", "pdb");
  }

  @Test
  void aNewTemplateRestartsAnObserverFirst(TestInfo test) {
    ZkEnsemble zk = running(namespace(test));
    String ns = zk.getMetadata().getNamespace();

    update(zk, e -> e.getSpec().jvmOptions.add("-Xmx256m"));

    await()
        .atMost(TIMEOUT)
        .until(() -> client.pods().inNamespace(ns).withName("zk-observer-0").get() == null);
    assertEquals(Phase.Upgrading, stored(zk).getStatus().phase);
    for (String pod : List.of("zk-0", "zk-1", "zk-2", "zk-observer-1")) {
      assertTrue(client.pods().inNamespace(ns).withName(pod).get() != null, pod + " stays for now");
    }
  }

  @Test
  void aNewImageChangesBothPodTemplatesAndNothingElse(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});
    Map<String, HasMetadata> before = awaitOwnedObjects(zk);

    update(zk, e -> e.getSpec().image = "zkensemble-node:2.0");

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                image(statefulSet(zk, "zk")).equals("zkensemble-node:2.0")
                    && image(statefulSet(zk, "zk-observer")).equals("zkensemble-node:2.0"));
    assertUnchanged(before, ownedObjects(zk), "headless", "client", "config", "pdb", "secret");
  }

  @Test
  void anInvalidSpecIsRefusedWithAReasonAndChangesNothing(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});
    Map<String, HasMetadata> before = awaitOwnedObjects(zk);

    update(
        zk,
        e -> {
          e.getSpec().config.extra.put("dataDir", "/tmp");
          e.getSpec().replicas = 5;
        });

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                condition(stored(zk), "Degraded")
                    .map(c -> c.equals("True InvalidSpec"))
                    .orElse(false));
    assertEquals(Phase.Degraded, stored(zk).getStatus().phase);
    assertUnchanged(before, ownedObjects(zk), before.keySet().toArray(String[]::new));
  }

  @Test
  void aVolumeSizeChangeIsRefusedBeforeTheApiServerWouldRefuseIt(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});
    Map<String, HasMetadata> before = awaitOwnedObjects(zk);

    update(zk, e -> e.getSpec().storage.size = new Quantity("20Gi"));

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                condition(stored(zk), "Degraded")
                    .map(c -> c.equals("True InvalidSpec"))
                    .orElse(false));
    assertTrue(
        stored(zk).getStatus().conditions.stream()
            .anyMatch(
                c ->
                    c.getMessage().endsWith("cannot change once the ensemble exists: it is 10Gi")));
    assertUnchanged(before, ownedObjects(zk), before.keySet().toArray(String[]::new));
  }

  @Test
  void anEnsembleInvalidFromTheStartGetsNoObjects(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> e.getSpec().ports.metrics = 2181);

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                condition(stored(zk), "Degraded")
                    .map(c -> c.equals("True InvalidSpec"))
                    .orElse(false));
    assertTrue(ownedObjects(zk).isEmpty());
  }

  @Test
  void statusComesFromThePodsAndTheMembersReports(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});
    awaitOwnedObjects(zk);
    String ns = zk.getMetadata().getNamespace();
    observer.report(ns, "zk-1", new MemberReport("leader", 0x200000001L));

    createReadyPods(zk);

    await().atMost(TIMEOUT).until(() -> stored(zk).getStatus().phase == Phase.Running);
    ZkEnsembleStatus status = stored(zk).getStatus();
    assertEquals("zk-1", status.leader);
    assertEquals(3, status.readyReplicas);
    assertEquals(2, status.readyObservers);
    assertEquals(
        5,
        status.members.size(),
        () -> status.members.stream().map(m -> m.pod + "/" + m.myid).toList().toString());
    assertEquals("0x200000001", status.members.get(1).zxid);
    assertEquals("True QuorumReady", condition(stored(zk), "Ready").orElseThrow());

    client
        .resource(
            FakePods.waiting(
                zk,
                MemberKind.PARTICIPANT,
                2,
                FakePods.current(zk, MemberKind.PARTICIPANT),
                "CrashLoopBackOff"))
        .inNamespace(ns)
        .update();

    await().atMost(TIMEOUT).until(() -> stored(zk).getStatus().phase == Phase.Degraded);
    assertEquals("True MembersFailing", condition(stored(zk), "Degraded").orElseThrow());
    assertEquals(2, stored(zk).getStatus().readyReplicas);
  }

  @Test
  void aReconciliationWithNothingNewWritesNothing(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});
    Map<String, HasMetadata> before = awaitOwnedObjects(zk);
    createReadyPods(zk);
    await().atMost(TIMEOUT).until(() -> stored(zk).getStatus().phase == Phase.Running);
    // Reconciliations of one ensemble run one after another: once the one a pod event starts has
    // run, those the pods' creation started are done too.
    touchPod(zk, "settled");
    String statusVersion = stored(zk).getMetadata().getResourceVersion();

    // A pod event reconciles the ensemble again, with nothing to change.
    touchPod(zk, "touched");

    assertEquals(statusVersion, stored(zk).getMetadata().getResourceVersion(), "no status write");
    assertUnchanged(before, ownedObjects(zk), before.keySet().toArray(String[]::new));
  }

  /** Annotates pod zk-0 and waits until a reconciliation has run after it. */
  private void touchPod(ZkEnsemble zk, String annotation) {
    int calls = observer.calls();
    client
        .pods()
        .inNamespace(zk.getMetadata().getNamespace())
        .withName("zk-0")
        .edit(
            pod ->
                new PodBuilder(pod)
                    .editMetadata()
                    .addToAnnotations(annotation, "1")
                    .endMetadata()
                    .build());
    await().atMost(TIMEOUT).until(() -> observer.calls() > calls);
  }

  @Test
  void aServiceMonitorIsMadeOnlyWhenAskedForAndItsCrdIsInstalled(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> e.getSpec().serviceMonitor.enabled = true);
    awaitOwnedObjects(zk);
    await().atMost(TIMEOUT).until(() -> stored(zk).getStatus() != null);
    assertNull(serviceMonitor(zk), "no Prometheus Operator, no ServiceMonitor");

    client.resource(serviceMonitorCrd()).create();
    update(zk, e -> e.getSpec().serviceMonitor.interval = "10s");

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                serviceMonitor(zk) != null
                    && serviceMonitor(zk).getSpec().endpoints.getFirst().interval.equals("10s"));
    assertEquals(
        stored(zk).getMetadata().getUid(),
        serviceMonitor(zk).getMetadata().getOwnerReferences().getFirst().getUid());

    update(zk, e -> e.getSpec().serviceMonitor.enabled = false);

    await().atMost(TIMEOUT).until(() -> serviceMonitor(zk) == null);
  }

  @Test
  void deletedEnsembleLeavesItsObjectsToTheGarbageCollector(TestInfo test) {
    ZkEnsemble zk = create(namespace(test), e -> {});
    Map<String, HasMetadata> owned = awaitOwnedObjects(zk);
    String uid = stored(zk).getMetadata().getUid();
    assertTrue(stored(zk).getMetadata().getFinalizers().isEmpty(), "nothing blocks deletion");

    client.resource(stored(zk)).delete();

    await().atMost(TIMEOUT).until(() -> client.resource(zk).get() == null);
    // The mock server has no garbage collector: the owner references are what a cluster's uses.
    for (HasMetadata object : owned.values()) {
      assertEquals(uid, object.getMetadata().getOwnerReferences().getFirst().getUid());
    }
  }

  private ServiceMonitor serviceMonitor(ZkEnsemble zk) {
    return client
        .resources(ServiceMonitor.class)
        .inNamespace(zk.getMetadata().getNamespace())
        .withName("zk")
        .get();
  }

  /** The Prometheus Operator's CRD, as far as the operator looks at it. */
  private static CustomResourceDefinition serviceMonitorCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(ServiceMonitorDependent.CRD)
        .endMetadata()
        .withNewSpec()
        .withGroup("monitoring.coreos.com")
        .withScope("Namespaced")
        .withNewNames()
        .withKind("ServiceMonitor")
        .withPlural("servicemonitors")
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .endVersion()
        .endSpec()
        .build();
  }

  /** What the StatefulSet controller and the kubelets would make of the ensemble, all ready. */
  private void createReadyPods(ZkEnsemble zk) {
    for (MemberKind kind : MemberKind.values()) {
      for (int ordinal = 0; ordinal < kind.desiredCount(zk.getSpec()); ordinal++) {
        client
            .resource(FakePods.ready(zk, kind, ordinal, FakePods.current(zk, kind)))
            .inNamespace(zk.getMetadata().getNamespace())
            .create();
      }
    }
  }

  /**
   * An ensemble that formed: every pod ready, zk-1 leading, the others following or observing, and
   * the bootstrap configuration in force.
   */
  private ZkEnsemble running(String namespace) {
    ZkEnsemble zk = create(namespace, e -> {});
    awaitOwnedObjects(zk);
    await().atMost(TIMEOUT).until(() -> stored(zk).getStatus() != null);
    ensembles.answer(namespace, Membership.of(stored(zk).getStatus().membership));
    createReadyPods(zk);
    for (MemberKind kind : MemberKind.values()) {
      for (int ordinal = 0; ordinal < kind.desiredCount(zk.getSpec()); ordinal++) {
        String role =
            kind == MemberKind.OBSERVER ? "observer" : ordinal == 1 ? "leader" : "follower";
        observer.report(namespace, Names.pod(zk, kind, ordinal), new MemberReport(role, 1));
      }
    }
    await().atMost(TIMEOUT).until(() -> stored(zk).getStatus().phase == Phase.Running);
    return zk;
  }

  /** A pod the StatefulSet made, ready and serving in {@code role}. */
  private void createReadyPod(ZkEnsemble zk, MemberKind kind, int ordinal, String role) {
    String ns = zk.getMetadata().getNamespace();
    observer.report(ns, Names.pod(zk, kind, ordinal), new MemberReport(role, 1));
    client
        .resource(FakePods.ready(zk, kind, ordinal, FakePods.current(zk, kind)))
        .inNamespace(ns)
        .create();
  }

  private ConfigMap configMap(ZkEnsemble zk) {
    return client
        .configMaps()
        .inNamespace(zk.getMetadata().getNamespace())
        .withName("zk-config")
        .get();
  }

  private ZkEnsemble create(String namespace, Consumer<ZkEnsemble> change) {
    ZkEnsemble zk = Ensembles.zk(namespace);
    zk.getMetadata().setUid(null);
    zk.getMetadata().setGeneration(null);
    change.accept(zk);
    return client.resource(zk).create();
  }

  private void update(ZkEnsemble zk, Consumer<ZkEnsemble> change) {
    KubectlEdit.edit(client, () -> stored(zk), change, TIMEOUT);
  }

  private ZkEnsemble stored(ZkEnsemble zk) {
    return client
        .resources(ZkEnsemble.class)
        .inNamespace(zk.getMetadata().getNamespace())
        .withName(zk.getMetadata().getName())
        .get();
  }

  private Map<String, HasMetadata> awaitOwnedObjects(ZkEnsemble zk) {
    await().atMost(TIMEOUT).until(() -> ownedObjects(zk).size() == 7);
    return ownedObjects(zk);
  }

  private Map<String, HasMetadata> ownedObjects(ZkEnsemble zk) {
    String ns = zk.getMetadata().getNamespace();
    Map<String, HasMetadata> objects = new LinkedHashMap<>();
    objects.put("headless", client.services().inNamespace(ns).withName("zk-headless").get());
    objects.put("client", client.services().inNamespace(ns).withName("zk-client").get());
    objects.put("config", client.configMaps().inNamespace(ns).withName("zk-config").get());
    objects.put("participants", statefulSet(zk, "zk"));
    objects.put("observers", statefulSet(zk, "zk-observer"));
    objects.put(
        "pdb", client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("zk").get());
    objects.put("secret", client.secrets().inNamespace(ns).withName("zk-super").get());
    objects.values().removeIf(Objects::isNull);
    return objects;
  }

  private StatefulSet statefulSet(ZkEnsemble zk, String name) {
    return client
        .apps()
        .statefulSets()
        .inNamespace(zk.getMetadata().getNamespace())
        .withName(name)
        .get();
  }

  private static void assertUnchanged(
      Map<String, HasMetadata> before, Map<String, HasMetadata> after, String... names) {
    for (String name : names) {
      assertEquals(
          before.get(name).getMetadata().getResourceVersion(),
          after.get(name).getMetadata().getResourceVersion(),
          name + " must not change");
    }
  }

  private static List<String> serverLines(ConfigMap config) {
    return config
        .getData()
        .get(ConfigMapDependent.DYNAMIC_FILE)
        .lines()
        .filter(line -> line.startsWith("server."))
        .toList();
  }

  private static String staticCfg(Map<String, HasMetadata> objects) {
    return ((ConfigMap) objects.get("config")).getData().get(ConfigMapDependent.STATIC_FILE);
  }

  private static Object template(Map<String, HasMetadata> objects, String name) {
    return ((StatefulSet) objects.get(name)).getSpec().getTemplate();
  }

  private static String checksum(StatefulSet set) {
    return set.getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(MemberPodTemplate.CONFIG_CHECKSUM);
  }

  private static String image(StatefulSet set) {
    return set.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
  }

  private static Optional<String> condition(ZkEnsemble zk, String type) {
    if (zk.getStatus() == null) {
      return Optional.empty();
    }
    return zk.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .map(c -> c.getStatus() + " " + c.getReason())
        .findFirst();
  }

  private static String namespace(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
    return name.substring(0, Math.min(name.length(), 40));
  }
}

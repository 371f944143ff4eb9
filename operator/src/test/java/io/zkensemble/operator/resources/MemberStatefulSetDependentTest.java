package io.zkensemble.operator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.StorageSpec.ReclaimPolicy;
import io.zkensemble.operator.api.ZkEnsemble;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberStatefulSetDependentTest {
  private final ParticipantStatefulSetDependent participants =
      new ParticipantStatefulSetDependent();
  private final ObserverStatefulSetDependent observers = new ObserverStatefulSetDependent();

  @Test
  void participantsStartInParallelAndAreNeverRestartedByTheStatefulSet() {
    StatefulSet set = participants.desired(Ensembles.zk("ns"), null);

    assertEquals("zk", set.getMetadata().getName());
    assertEquals(3, set.getSpec().getReplicas());
    assertEquals("zk-headless", set.getSpec().getServiceName());
    assertEquals("Parallel", set.getSpec().getPodManagementPolicy());
    assertEquals("OnDelete", set.getSpec().getUpdateStrategy().getType());
    assertEquals(
        Map.of(Labels.NAME, Labels.APP, Labels.INSTANCE, "zk", Labels.COMPONENT, "participant"),
        set.getSpec().getSelector().getMatchLabels());
    assertTrue(
        set.getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .entrySet()
            .containsAll(set.getSpec().getSelector().getMatchLabels().entrySet()));
  }

  @Test
  void observersHaveTheirOwnSetAndIdRange() {
    StatefulSet set = observers.desired(Ensembles.zk("ns"), null);

    assertEquals("zk-observer", set.getMetadata().getName());
    assertEquals(2, set.getSpec().getReplicas());
    assertEquals("zk-headless", set.getSpec().getServiceName());
    assertEquals("observer", set.getSpec().getSelector().getMatchLabels().get(Labels.COMPONENT));
    Container init = initContainer(set);
    assertEquals("1001", env(init, "FIRST_ID").getValue());
    assertEquals("observer", env(init, "PEER_TYPE").getValue());
    assertEquals(
        "1",
        env(initContainer(participants.desired(Ensembles.zk("ns"), null)), "FIRST_ID").getValue());
  }

  @Test
  void noObserversIsAnEmptyObserverSet() {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().observers = 0;

    assertEquals(0, observers.desired(zk, null).getSpec().getReplicas());
  }

  @Test
  void nodeRunsTheImageWithTheRenderedZooCfgProbesAndHandOff() {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().ports.admin = 9090;
    StatefulSet set = participants.desired(zk, null);
    Container node = nodeContainer(set);

    assertEquals(Ensembles.IMAGE, node.getImage());
    assertEquals("IfNotPresent", node.getImagePullPolicy());
    assertEquals(List.of("/data/zoo.cfg"), node.getArgs());
    assertEquals("/q/health/ready", node.getReadinessProbe().getHttpGet().getPath());
    assertEquals("admin", node.getReadinessProbe().getHttpGet().getPort().getStrVal());
    assertEquals("/q/health/live", node.getLivenessProbe().getHttpGet().getPath());
    assertEquals("/q/health/live", node.getStartupProbe().getHttpGet().getPath());
    assertEquals(
        "/commands/transfer_leadership", node.getLifecycle().getPreStop().getHttpGet().getPath());
    assertEquals(
        9090,
        node.getPorts().stream()
            .filter(p -> p.getName().equals("admin"))
            .findFirst()
            .orElseThrow()
            .getContainerPort());
    assertEquals("/data", node.getVolumeMounts().get(0).getMountPath());
    assertEquals("data", node.getVolumeMounts().get(0).getName());
  }

  @Test
  void dataVolumeComesFromTheClaimTemplateAndFollowsTheReclaimPolicy() {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().storage.size = new Quantity("20Gi");
    zk.getSpec().storage.storageClassName = "fast";
    zk.getSpec().storage.reclaimPolicy = ReclaimPolicy.Delete;

    StatefulSet set = participants.desired(zk, null);

    PersistentVolumeClaim claim = set.getSpec().getVolumeClaimTemplates().get(0);
    assertEquals("data", claim.getMetadata().getName());
    assertEquals(new Quantity("20Gi"), claim.getSpec().getResources().getRequests().get("storage"));
    assertEquals("fast", claim.getSpec().getStorageClassName());
    assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
    assertEquals("Delete", set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
    assertEquals(
        "Delete", set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
    assertEquals(
        "Retain",
        participants
            .desired(Ensembles.zk("ns"), null)
            .getSpec()
            .getPersistentVolumeClaimRetentionPolicy()
            .getWhenScaled(),
        "Retain is the default");
  }

  @Test
  void configChecksumAnnotationChangesWithTheStaticConfig() {
    ZkEnsemble zk = Ensembles.zk("ns");
    String before = checksum(participants.desired(zk, null));

    zk.getSpec().config.maxClientCnxns = 100;

    assertNotEquals(before, checksum(participants.desired(zk, null)));
    assertEquals(
        ZooCfg.checksum(ZooCfg.staticConfig(zk)), checksum(participants.desired(zk, null)));
  }

  @Test
  void defaultAffinityPrefersOneMemberPerNodeAndAUsersAffinityReplacesIt() {
    ZkEnsemble zk = Ensembles.zk("ns");
    var preferred =
        podSpec(participants.desired(zk, null))
            .getAffinity()
            .getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution()
            .get(0);
    assertEquals("kubernetes.io/hostname", preferred.getPodAffinityTerm().getTopologyKey());
    assertEquals(
        Labels.selector(zk), preferred.getPodAffinityTerm().getLabelSelector().getMatchLabels());
    assertTrue(
        podSpec(participants.desired(zk, null))
            .getAffinity()
            .getPodAntiAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .isEmpty(),
        "soft only: a small cluster still runs every member");

    Affinity mine = new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build();
    zk.getSpec().pod.affinity = mine;
    assertEquals(mine, podSpec(participants.desired(zk, null)).getAffinity());
  }

  @Test
  void podOptionsJvmOptionsAndResourcesReachThePod() {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().jvmOptions = List.of("-Xmx512m", "-XX:+UseZGC");
    zk.getSpec().resources =
        new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build();
    zk.getSpec().pod.labels = Map.of("team", "storage");
    zk.getSpec().pod.annotations = Map.of("note", "hi");
    zk.getSpec().pod.tolerations =
        List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build());
    zk.getSpec().pod.nodeSelector = Map.of("disk", "ssd");
    zk.getSpec().pod.serviceAccountName = "zk-sa";
    zk.getSpec().pod.priorityClassName = "high";
    zk.getSpec().pod.env = List.of(new EnvVar("TZ", "UTC", null));

    StatefulSet set = participants.desired(zk, null);
    PodSpec pod = podSpec(set);
    Container node = nodeContainer(set);

    assertEquals("-Xmx512m -XX:+UseZGC", env(node, "JDK_JAVA_OPTIONS").getValue());
    assertEquals("UTC", env(node, "TZ").getValue());
    assertEquals(new Quantity("1Gi"), node.getResources().getLimits().get("memory"));
    assertEquals("storage", set.getSpec().getTemplate().getMetadata().getLabels().get("team"));
    assertEquals("hi", set.getSpec().getTemplate().getMetadata().getAnnotations().get("note"));
    assertEquals("dedicated", pod.getTolerations().get(0).getKey());
    assertEquals(Map.of("disk", "ssd"), pod.getNodeSelector());
    assertEquals("zk-sa", pod.getServiceAccountName());
    assertEquals("high", pod.getPriorityClassName());
    assertEquals(185L, pod.getSecurityContext().getFsGroup());
  }

  @Test
  void withoutJvmOptionsTheImagesDefaultsStay() {
    Container node = nodeContainer(participants.desired(Ensembles.zk("ns"), null));

    assertTrue(node.getEnv().stream().noneMatch(e -> e.getName().equals("JDK_JAVA_OPTIONS")));
  }

  @Test
  void desiredIsAFunctionOfTheSpec() {
    assertEquals(
        participants.desired(Ensembles.zk("ns"), null),
        participants.desired(Ensembles.zk("ns"), null));
  }

  static Container initContainer(StatefulSet set) {
    return podSpec(set).getInitContainers().get(0);
  }

  static Container nodeContainer(StatefulSet set) {
    return podSpec(set).getContainers().get(0);
  }

  private static PodSpec podSpec(StatefulSet set) {
    return set.getSpec().getTemplate().getSpec();
  }

  private static String checksum(StatefulSet set) {
    return set.getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(MemberPodTemplate.CONFIG_CHECKSUM);
  }

  private static EnvVar env(Container container, String name) {
    Optional<EnvVar> found =
        container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    return found.orElseThrow(() -> new AssertionError("no env " + name));
  }
}

package io.zkensemble.operator.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.zkensemble.operator.KubectlEdit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness against fabric8's mock API server (CRUD mode, plain HTTP on 127.0.0.1), with the
 * JDK's jwebserver as the container: a StatefulSet's pods run, resolve, serve what their init
 * container wrote into their claim, scale, restart, terminate gracefully and come back.
 */
class FakeClusterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(40);
  private static final String WEB_IMAGE = "example.org/web:1";
  private static final String SHELL_IMAGE = "example.org/shell:1";
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  /** Mount points, made on the host when missing: kept out of the host's root. */
  private static final String MOUNTS = "/tmp/fake-cluster-test";

  private static final String WWW = MOUNTS + "/www";

  private static KubernetesMockServer server;
  private static KubernetesClient client;

  @TempDir Path tmp;
  private String namespace;
  private FakeCluster cluster;

  @BeforeAll
  static void startApiServer() throws IOException {
    server = MockApiServer.start();
    client = server.createClient();
  }

  @AfterAll
  static void stopApiServer() {
    client.close();
    server.destroy();
  }

  private void startCluster(String namespace) {
    this.namespace = namespace;
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    Map<String, List<String>> images =
        Map.of(
            WEB_IMAGE,
            List.of(
                JAVA_HOME.resolve("bin/jwebserver").toString(),
                "-J-Xmx32m",
                "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC"),
            SHELL_IMAGE,
            List.of("/bin/sh"));
    cluster =
        new FakeCluster(
            client,
            namespace,
            tmp.resolve("work"),
            tmp.resolve("hosts"),
            images,
            (pod, ip) -> Map.of("EXTRA", "from-the-harness-" + ip));
    cluster.start();
  }

  @AfterEach
  void closeLeavesNoProcess() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
      assertEquals(List.of(), Processes.tagged(cluster.tag), "processes left after close()");
    }
  }

  @Test
  void statefulSetPodsRunResolveServeAndScaleDownWithTheirClaims() throws Exception {
    startCluster("scale-down");
    create(headless("web"));
    create(clientService("web-client"));
    create(webSet("web", 3, "Delete", "Delete"));

    List<String> names = List.of("web-0", "web-1", "web-2");
    awaitReady(names);
    Set<String> ips = names.stream().map(cluster::podIP).collect(Collectors.toSet());
    assertEquals(3, ips.size(), ips::toString);
    for (String name : names) {
      String ip = cluster.podIP(name);
      assertTrue(ip.startsWith("127.0.1."), ip);
      Pod pod = pod(name);
      assertEquals(ip, pod.getStatus().getPodIP());
      assertEquals("Running", pod.getStatus().getPhase());
      assertEquals(name, pod.getSpec().getHostname());
      assertEquals("web", pod.getSpec().getSubdomain());
      assertEquals(name, pod.getMetadata().getLabels().get("statefulset.kubernetes.io/pod-name"));
      assertEquals(
          name.substring(4), pod.getMetadata().getLabels().get("apps.kubernetes.io/pod-index"));
      assertTrue(pod.getMetadata().getFinalizers().contains(Kubelet.FINALIZER));
      ContainerStatus init = pod.getStatus().getInitContainerStatuses().getFirst();
      assertEquals("Completed", init.getState().getTerminated().getReason());
      // The init container wrote $(POD_NAME) into the claim that the server serves.
      assertEquals(name + "\n", get(ip, "/hello.txt"));
      PersistentVolumeClaim claim = claim("data-" + name);
      assertEquals("Bound", claim.getStatus().getPhase());
      assertEquals("web", claim.getMetadata().getLabels().get("app"));
      assertEquals(
          name + "\n", Files.readString(cluster.volume("data-" + name).resolve("hello.txt")));
    }
    StatefulSet set =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> set("web"),
                s -> s.getStatus() != null && s.getStatus().getReadyReplicas() == 3);
    assertEquals(3, set.getStatus().getReplicas());
    assertEquals(3, set.getStatus().getUpdatedReplicas());
    assertEquals(set.getStatus().getUpdateRevision(), set.getStatus().getCurrentRevision());
    assertEquals(
        set.getStatus().getUpdateRevision(),
        pod("web-0").getMetadata().getLabels().get("controller-revision-hash"));
    assertEquals(set.getMetadata().getGeneration(), set.getStatus().getObservedGeneration());

    // A child JVM resolves the pods' and the Service's names through the hosts file.
    String fqdn = "." + namespace + ".svc";
    Map<String, List<String>> resolved =
        resolve("web-0.web" + fqdn, "web-2.web" + fqdn + ".cluster.local", "web-client" + fqdn);
    assertEquals(List.of(cluster.podIP("web-0")), resolved.get("web-0.web" + fqdn));
    assertEquals(
        List.of(cluster.podIP("web-2")), resolved.get("web-2.web" + fqdn + ".cluster.local"));
    assertEquals(ips.stream().sorted().toList(), resolved.get("web-client" + fqdn));

    String uid0 = pod("web-0").getMetadata().getUid();
    scale("web", 1);
    await().atMost(TIMEOUT).until(() -> pod("web-1") == null && pod("web-2") == null);
    await().atMost(TIMEOUT).until(() -> claim("data-web-1") == null && claim("data-web-2") == null);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                !Files.exists(cluster.volume("data-web-1"))
                    && !Files.exists(cluster.volume("data-web-2")));
    assertEquals(uid0, pod("web-0").getMetadata().getUid());
    assertNotNull(claim("data-web-0"));
    await().atMost(TIMEOUT).until(() -> set("web").getStatus().getReplicas() == 1);
    await()
        .atMost(TIMEOUT)
        .until(() -> hostsFile().contains("web-0.web") && !hostsFile().contains("web-1.web"));

    // The set's deletion takes its pods, and (whenDeleted=Delete) its claims, along.
    client.apps().statefulSets().inNamespace(namespace).withName("web").delete();
    await().atMost(TIMEOUT).until(() -> pod("web-0") == null && claim("data-web-0") == null);
    await().atMost(TIMEOUT).until(() -> !Files.exists(cluster.volume("data-web-0")));
  }

  @Test
  void retainedClaimBringsTheSameDataBack() throws Exception {
    startCluster("retain");
    create(headless("web"));
    create(webSet("web", 2, "Retain", "Retain"));
    awaitReady(List.of("web-0", "web-1"));
    String claimUid = claim("data-web-1").getMetadata().getUid();
    String ip = cluster.podIP("web-1");
    Files.writeString(cluster.volume("data-web-1").resolve("kept.txt"), "kept\n");

    scale("web", 1);
    await().atMost(TIMEOUT).until(() -> pod("web-1") == null);
    assertEquals(claimUid, claim("data-web-1").getMetadata().getUid());

    scale("web", 2);
    awaitReady(List.of("web-1"));
    assertEquals(claimUid, claim("data-web-1").getMetadata().getUid());
    assertEquals(ip, cluster.podIP("web-1"));
    assertEquals("kept\n", get(ip, "/kept.txt"));
  }

  @Test
  void crashedContainerRestartsAndDeletedPodStopsGracefullyAndComesBackFromTheNewTemplate()
      throws Exception {
    startCluster("restarts");
    create(headless("web"));
    create(webSet("web", 1, "Retain", "Retain"));
    awaitReady(List.of("web-0"));
    Pod first = pod("web-0");
    String ip = cluster.podIP("web-0");

    cluster.crash("web-0");
    Pod restarted =
        await()
            .atMost(TIMEOUT)
            .until(() -> pod("web-0"), p -> main(p).getRestartCount() == 1 && HostsFile.ready(p));
    assertEquals(137, main(restarted).getLastState().getTerminated().getExitCode());
    assertEquals(first.getMetadata().getUid(), restarted.getMetadata().getUid());

    // OnDelete: a new template leaves the running pod alone...
    KubectlEdit.edit(
        client,
        () -> set("web"),
        s -> s.getSpec().getTemplate().getMetadata().getLabels().put("template", "second"),
        TIMEOUT);
    StatefulSet changed =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> set("web"),
                s -> s.getStatus() != null && s.getStatus().getUpdatedReplicas() == 0);
    assertNotEquals(
        changed.getStatus().getCurrentRevision(), changed.getStatus().getUpdateRevision());
    assertEquals(first.getMetadata().getUid(), pod("web-0").getMetadata().getUid());
    assertNull(pod("web-0").getMetadata().getLabels().get("template"));

    // ...until it is deleted: Terminating while its preStop hook and SIGTERM run, then back.
    client.pods().inNamespace(namespace).withName("web-0").delete();
    Pod terminating = pod("web-0");
    assertNotNull(
        terminating.getMetadata().getDeletionTimestamp(), "a deleted pod stays, Terminating");
    assertEquals(first.getMetadata().getUid(), terminating.getMetadata().getUid());
    Pod second =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> pod("web-0"),
                p -> p != null && !p.getMetadata().getUid().equals(first.getMetadata().getUid()));
    assertEquals("second", second.getMetadata().getLabels().get("template"));
    assertEquals(
        changed.getStatus().getUpdateRevision(),
        second.getMetadata().getLabels().get("controller-revision-hash"));
    String log = Files.readString(cluster.log("web-0", "web"));
    assertTrue(log.contains("\"GET /prestop HTTP/1.1\" 404"), log);
    awaitReady(List.of("web-0"));
    assertEquals(ip, cluster.podIP("web-0"));
    assertEquals(ip, pod("web-0").getStatus().getPodIP());
    await()
        .atMost(TIMEOUT)
        .until(
            () -> set("web"),
            s ->
                s.getStatus().getUpdateRevision().equals(s.getStatus().getCurrentRevision())
                    && s.getStatus().getCurrentReplicas() == 1);
  }

  @Test
  void failingContainersReportWhyTheyDoNotRun() {
    startCluster("failing");
    StatefulSet ordered = webSet("ordered", 1, "Retain", "Retain");
    ordered.getSpec().setPodManagementPolicy("OrderedReady");
    create(ordered); // refused: logged as an ERROR, and no pod
    create(
        shellPod(
            "crashing",
            p ->
                p.editSpec()
                    .editFirstContainer()
                    .withCommand("/bin/sh", "-c", "echo bye; exit 3")
                    .endContainer()
                    .endSpec()));
    create(
        shellPod(
            "init-fails",
            p ->
                p.editSpec()
                    .addNewInitContainer()
                    .withName("init")
                    .withImage(SHELL_IMAGE)
                    .withCommand("/bin/sh", "-c", "exit 1")
                    .endInitContainer()
                    .endSpec()));
    create(
        shellPod(
            "no-image",
            p ->
                p.editSpec()
                    .editFirstContainer()
                    .withImage("example.org/missing:1")
                    .endContainer()
                    .endSpec()));

    Pod crashing =
        await()
            .atMost(TIMEOUT)
            .until(() -> pod("crashing"), p -> waitingReason(main(p)).equals("CrashLoopBackOff"));
    assertTrue(main(crashing).getRestartCount() >= 1);
    assertEquals(3, main(crashing).getLastState().getTerminated().getExitCode());
    assertEquals("Running", crashing.getStatus().getPhase());
    Pod initFails =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> pod("init-fails"),
                p ->
                    p.getStatus() != null
                        && !p.getStatus().getInitContainerStatuses().isEmpty()
                        && waitingReason(p.getStatus().getInitContainerStatuses().getFirst())
                            .equals("CrashLoopBackOff"));
    assertEquals("Pending", initFails.getStatus().getPhase());
    assertEquals(
        "Error",
        initFails
            .getStatus()
            .getInitContainerStatuses()
            .getFirst()
            .getLastState()
            .getTerminated()
            .getReason());
    assertEquals("PodInitializing", waitingReason(main(initFails)));
    await()
        .atMost(TIMEOUT)
        .until(() -> pod("no-image"), p -> waitingReason(main(p)).equals("ImagePullBackOff"));
    assertEquals("Pending", pod("no-image").getStatus().getPhase());

    // terminationGracePeriodSeconds 0: SIGKILL at once, then the pod goes.
    client.pods().inNamespace(namespace).withName("crashing").delete();
    client.pods().inNamespace(namespace).withName("no-image").delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> pod("crashing") == null && pod("no-image") == null);
    assertNull(pod("ordered-0"));
    assertNull(set("ordered").getStatus());
  }

  @Test
  void failingLivenessProbeRestartsTheContainerAfterItsPreStopHook() throws Exception {
    startCluster("liveness");
    StatefulSet set = webSet("web", 1, "Retain", "Retain");
    var container = set.getSpec().getTemplate().getSpec().getContainers().getFirst();
    container.getLivenessProbe().getHttpGet().setPath("/missing");
    container.getLivenessProbe().setFailureThreshold(2);
    create(set);
    Pod restarted =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> pod("web-0"),
                p ->
                    p != null
                        && p.getStatus() != null
                        && !p.getStatus().getContainerStatuses().isEmpty()
                        && main(p).getRestartCount() >= 1);
    assertEquals(143, main(restarted).getLastState().getTerminated().getExitCode(), "SIGTERM");
    String log = Files.readString(cluster.log("web-0", "web"));
    assertTrue(log.contains("liveness probe failed 2 times"), log);
    assertTrue(log.contains("\"GET /prestop HTTP/1.1\" 404"), log);
  }

  /**
   * What the harness relies on in fabric8's mock: finalizers hold a deleted object, and status is
   * written by the status subresource's PUT (and, the mock lacking the subresource for built-in
   * kinds, by a plain update as well); and what it copes with: that PUT ignores resourceVersion.
   */
  @Test
  void mockApiServerHoldsDeletedObjectsForTheirFinalizersAndTakesStatusFromBothWrites() {
    namespace = "mock";
    create(
        new PodBuilder()
            .withNewMetadata()
            .withName("held")
            .addToFinalizers("example.org/hold")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("c")
            .withImage("i")
            .endContainer()
            .endSpec()
            .build());
    client.pods().inNamespace(namespace).withName("held").delete();
    Pod held = pod("held");
    assertNotNull(held.getMetadata().getDeletionTimestamp());

    held.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
    client.pods().inNamespace(namespace).resource(held).updateStatus();
    assertEquals("Running", pod("held").getStatus().getPhase());
    Pod plain = pod("held");
    plain.getStatus().setPhase("Succeeded");
    client.pods().inNamespace(namespace).resource(plain).update();
    assertEquals("Succeeded", pod("held").getStatus().getPhase());
    // A stale resourceVersion: a plain update conflicts, the status PUT does not (the mock
    // builds it on the stored object), so the mock's pods' status is last-write-wins.
    Pod stale = pod("held");
    stale.getMetadata().setResourceVersion("1");
    stale.getStatus().setPhase("Failed");
    KubernetesClientException conflict =
        assertThrows(
            KubernetesClientException.class,
            () -> client.pods().inNamespace(namespace).resource(stale).update());
    assertEquals(409, conflict.getCode());
    client.pods().inNamespace(namespace).resource(stale).updateStatus();
    assertEquals("Failed", pod("held").getStatus().getPhase());

    client
        .pods()
        .inNamespace(namespace)
        .withName("held")
        .edit(
            p -> {
              p.getMetadata().getFinalizers().clear();
              return p;
            });
    assertNull(pod("held"));
  }

  @Test
  void configMapsAndSecretsReachEnvAndVolumesAndChangesReachTheVolume() throws Exception {
    startCluster("config");
    Path out = Files.createDirectories(tmp.resolve("out"));
    create(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("settings")
            .endMetadata()
            .addToData("greeting", "hello")
            .build());
    create(
        new SecretBuilder()
            .withNewMetadata()
            .withName("secrets")
            .endMetadata()
            .addToStringData("password", "s3cret")
            .build());
    String script =
        """
        cd /tmp/fake-cluster-test
        echo "$GREETING $PASSWORD $(POD_IP) \\$$(POD_IP) $EXTRA" > out/env.txt
        if touch config/x 2>/dev/null; then echo rw; else echo ro; fi > out/config-mount.txt
        cat secret/password > out/secret.txt
        while true; do cat config/greeting > out/.seen; mv out/.seen out/seen.txt; sleep 0.2; done
        """;
    create(
        shellPod(
            "reader",
            p ->
                p.editSpec()
                    .editFirstContainer()
                    .withCommand("/bin/sh", "-c", script)
                    .addNewEnv()
                    .withName("GREETING")
                    .withNewValueFrom()
                    .withNewConfigMapKeyRef("greeting", "settings", false)
                    .endValueFrom()
                    .endEnv()
                    .addNewEnv()
                    .withName("PASSWORD")
                    .withNewValueFrom()
                    .withNewSecretKeyRef("password", "secrets", false)
                    .endValueFrom()
                    .endEnv()
                    .addNewEnv()
                    .withName("POD_IP")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("status.podIP")
                    .endFieldRef()
                    .endValueFrom()
                    .endEnv()
                    .addNewVolumeMount()
                    .withName("config")
                    .withMountPath(MOUNTS + "/config")
                    .withReadOnly(true)
                    .endVolumeMount()
                    .addNewVolumeMount()
                    .withName("secret")
                    .withMountPath(MOUNTS + "/secret")
                    .endVolumeMount()
                    .addNewVolumeMount()
                    .withName("out")
                    .withMountPath(MOUNTS + "/out")
                    .endVolumeMount()
                    .endContainer()
                    .addNewVolume()
                    .withName("config")
                    .withNewConfigMap()
                    .withName("settings")
                    .endConfigMap()
                    .endVolume()
                    .addNewVolume()
                    .withName("secret")
                    .withNewSecret()
                    .withSecretName("secrets")
                    .endSecret()
                    .endVolume()
                    .addNewVolume()
                    .withName("out")
                    .withNewHostPath()
                    .withPath(out.toString())
                    .endHostPath()
                    .endVolume()
                    .endSpec()));

    await().atMost(TIMEOUT).until(() -> Files.exists(out.resolve("seen.txt")));
    String ip = cluster.podIP("reader");
    // $VAR is the shell's; $(POD_IP) is Kubernetes' expansion, $$ its escape; EXTRA the caller's.
    assertEquals(
        "hello s3cret " + ip + " $(POD_IP) from-the-harness-" + ip + "\n",
        Files.readString(out.resolve("env.txt")));
    assertEquals("hello", Files.readString(out.resolve("seen.txt")));
    assertEquals("ro\n", Files.readString(out.resolve("config-mount.txt")));
    assertEquals("s3cret", Files.readString(out.resolve("secret.txt")));
    client
        .configMaps()
        .inNamespace(namespace)
        .withName("settings")
        .edit(
            c -> {
              c.getData().put("greeting", "changed");
              return c;
            });
    await()
        .atMost(TIMEOUT)
        .until(() -> Files.readString(out.resolve("seen.txt")).equals("changed"));
  }

  @Test
  void expansionFollowsKubernetes() {
    Map<String, String> vars = Map.of("A", "a", "EMPTY", "");
    assertEquals("a", Expansion.expand("$(A)", vars::get));
    assertEquals("x-a-y", Expansion.expand("x-$(A)-y", vars::get));
    assertEquals("$(B)", Expansion.expand("$(B)", vars::get));
    assertEquals("$(A)", Expansion.expand("$$(A)", vars::get));
    assertEquals("$a", Expansion.expand("$$$(A)", vars::get));
    assertEquals("", Expansion.expand("$(EMPTY)", vars::get));
    assertEquals("$A $", Expansion.expand("$A $", vars::get));
    assertEquals("$(A", Expansion.expand("$(A", vars::get));
    assertEquals("$()", Expansion.expand("$()", vars::get));
  }

  // ---------------------------------------------------------------- objects

  private static StatefulSet webSet(
      String name, int replicas, String whenScaled, String whenDeleted) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(name)
        .withPodManagementPolicy("Parallel")
        .withNewUpdateStrategy()
        .withType("OnDelete")
        .endUpdateStrategy()
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenScaled(whenScaled)
        .withWhenDeleted(whenDeleted)
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(10L)
        .addNewInitContainer()
        .withName("init")
        .withImage(SHELL_IMAGE)
        .withCommand("/bin/sh", "-c", "echo $(POD_NAME) > " + WWW + "/hello.txt")
        .addNewEnv()
        .withName("POD_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath(WWW)
        .endVolumeMount()
        .endInitContainer()
        .addNewContainer()
        .withName("web")
        .withImage(WEB_IMAGE)
        .withArgs("-b", "$(POD_IP)", "-p", "8080", "-d", WWW, "-o", "info")
        .addNewEnv()
        .withName("POD_IP")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("status.podIP")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/hello.txt")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath("/hello.txt")
        .withPort(new IntOrString(8080))
        .endHttpGet()
        .withPeriodSeconds(10)
        .endLivenessProbe()
        .withNewLifecycle()
        .withNewPreStop()
        .withNewHttpGet()
        .withPath("/prestop")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .endPreStop()
        .endLifecycle()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath(WWW)
        .endVolumeMount()
        .endContainer()
        .endSpec()
        .endTemplate()
        .addNewVolumeClaimTemplate()
        .withNewMetadata()
        .withName("data")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .addToRequests("storage", new Quantity("1Gi"))
        .endResources()
        .endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Service headless(String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .addToSelector("app", name)
        .addNewPort()
        .withPort(8080)
        .endPort()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Service clientService(String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addToSelector("app", "web")
        .addNewPort()
        .withPort(8080)
        .endPort()
        .endSpec()
        .build();
  }

  private static Pod shellPod(String name, java.util.function.UnaryOperator<PodBuilder> edit) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withTerminationGracePeriodSeconds(0L)
            .addNewContainer()
            .withName("main")
            .withImage(SHELL_IMAGE)
            .withCommand("/bin/sh", "-c", "exec sleep 600")
            .endContainer()
            .endSpec();
    return edit.apply(builder).build();
  }

  // ---------------------------------------------------------------- helpers

  private void awaitReady(List<String> names) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                names.stream()
                    .map(this::pod)
                    .allMatch(
                        p ->
                            p != null
                                && p.getMetadata().getDeletionTimestamp() == null
                                && HostsFile.ready(p)));
  }

  private void create(HasMetadata object) {
    client.resource(object).inNamespace(namespace).create();
  }

  /** As kubectl scale: again on a conflict with the status the harness writes. */
  private void scale(String set, int replicas) {
    KubectlEdit.edit(
        client,
        () -> client.apps().statefulSets().inNamespace(namespace).withName(set).get(),
        s -> s.getSpec().setReplicas(replicas),
        Duration.ofSeconds(30));
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  private PersistentVolumeClaim claim(String name) {
    return client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
  }

  private StatefulSet set(String name) {
    return client.apps().statefulSets().inNamespace(namespace).withName(name).get();
  }

  private String hostsFile() throws IOException {
    return Files.readString(tmp.resolve("hosts"));
  }

  private static ContainerStatus main(Pod pod) {
    return pod.getStatus().getContainerStatuses().getFirst();
  }

  private static String waitingReason(ContainerStatus status) {
    return status.getState().getWaiting() != null ? status.getState().getWaiting().getReason() : "";
  }

  private static String get(String ip, String path) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + ip + ":8080" + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), path);
      return response.body();
    }
  }

  /** Resolves names in a child JVM given the cluster's DNS options; name to sorted addresses. */
  private Map<String, List<String>> resolve(String... names)
      throws IOException, InterruptedException {
    Path program = tmp.resolve("Resolve.java");
    Files.writeString(
        program,
        """
        import java.net.InetAddress;
        import java.util.Arrays;
        public class Resolve {
          public static void main(String[] names) throws Exception {
            for (String name : names) {
              System.out.println(name + " " + String.join(",", Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).sorted().toList()));
            }
          }
        }
        """);
    List<String> command = new ArrayList<>(List.of(JAVA_HOME.resolve("bin/java").toString()));
    command.addAll(cluster.jvmDnsOptions());
    command.add(program.toString());
    command.addAll(List.of(names));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    Map<String, List<String>> resolved = new HashMap<>();
    output
        .lines()
        .map(l -> l.split(" "))
        .forEach(p -> resolved.put(p[0], List.of(p[1].split(","))));
    return resolved;
  }
}

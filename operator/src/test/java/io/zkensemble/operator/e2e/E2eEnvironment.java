package io.zkensemble.operator.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.zkensemble.operator.KubectlEdit;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.resources.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One scenario's world: fabric8's mock API server with the ZkEnsemble CRD, a {@link FakeCluster}
 * running every pod as real processes (the node's image is the packaged node), and the operator as
 * a process of its own.
 */
final class E2eEnvironment implements AutoCloseable {
  static final String NAMESPACE = "e2e";
  static final String NAME = "zk";
  static final String IMAGE = "zkensemble/zkensemble-node:e2e-1";
  static final String NEXT_IMAGE = "zkensemble/zkensemble-node:e2e-2";

  /** An image no registry has: its pods wait in ErrImagePull / ImagePullBackOff. */
  static final String MISSING_IMAGE = "zkensemble/zkensemble-node:no-such-tag";

  /** Clients reach the ensemble through its client Service, as applications in a cluster do. */
  static final String CONNECT = NAME + "-client." + NAMESPACE + ".svc:2181";

  static final Path NODE_JAR =
      E2eFiles.module("node").resolve("target/quarkus-app/quarkus-run.jar");

  /** Any step of a scenario: a JVM start or two, an election, a sync; on 2 busy cores. */
  static final Duration STEP = Duration.ofMinutes(3);

  final Path workDir;
  final KubernetesClient client;
  final FakeCluster cluster;
  final OperatorProcess operator;
  private final KubernetesMockServer server;

  E2eEnvironment(Path workDir, Path hostsFile) throws IOException {
    if (!Files.isRegularFile(NODE_JAR)) {
      throw new IllegalStateException(NODE_JAR + " is missing: build it with ./mvnw package");
    }
    this.workDir = workDir;
    server = MockApiServer.start();
    client = server.createClient();
    try (InputStream crd =
        Files.newInputStream(E2eFiles.root().resolve("crds/zkensembles.zkensemble.io-v1.yml"))) {
      client.load(crd).create();
    }
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    List<String> node = List.of(E2eFiles.java(), "-jar", NODE_JAR.toString());
    cluster =
        new FakeCluster(
            client,
            NAMESPACE,
            workDir.resolve("cluster"),
            hostsFile,
            Map.of(IMAGE, node, NEXT_IMAGE, node),
            (pod, ip) -> Map.of("JAVA_TOOL_OPTIONS", javaToolOptions(ip)));
    cluster.start();
    operator =
        new OperatorProcess(
            "http://127.0.0.1:" + server.getPort(),
            cluster.jvmDnsOptions(),
            workDir.resolve("operator.log"));
    operator.start();
  }

  /**
   * The pod's DNS, and its pod IP for everything the node binds to all interfaces: pods share this
   * host's network, where in a cluster each has its own.
   */
  private String javaToolOptions(String ip) {
    return String.join(" ", cluster.jvmDnsOptions()) + " -Dzkensemble.wildcardAddress=" + ip;
  }

  /** Creates the ensemble {@code zk}: 3 participants of {@link #IMAGE}, then {@code change}. */
  ZkEnsemble create(Consumer<ZkEnsemble> change) {
    ZkEnsemble zk = new ZkEnsemble();
    zk.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NAMESPACE).build());
    zk.getSpec().image = IMAGE;
    zk.getSpec().replicas = 3;
    // Small heaps and one GC thread: up to eight JVMs share two cores.
    zk.getSpec().jvmOptions = List.of("-Xmx192m", "-XX:+UseSerialGC");
    change.accept(zk);
    return client.resource(zk).create();
  }

  /** Changes the spec as kubectl edit does. */
  void update(Consumer<ZkEnsemble> change) {
    KubectlEdit.edit(client, this::ensemble, change, STEP);
  }

  ZkEnsemble ensemble() {
    return client.resources(ZkEnsemble.class).inNamespace(NAMESPACE).withName(NAME).get();
  }

  ZkEnsembleStatus status() {
    ZkEnsemble zk = ensemble();
    return zk == null ? null : zk.getStatus();
  }

  /** Waits until the ensemble's status satisfies {@code condition}; says what it was if not. */
  void awaitStatus(String what, Predicate<ZkEnsembleStatus> condition) {
    awaitTrue(what, () -> status() != null && condition.test(status()));
  }

  /**
   * Waits for a condition of the world; a timeout says the ensemble's status and where logs are.
   */
  void awaitTrue(String what, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await(what).atMost(STEP).pollInterval(Duration.ofMillis(250)).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage() + "\nstatus: " + Serialization.asYaml(status()) + "logs: " + workDir, e);
    }
  }

  /** The ensemble's member pods as the API server has them now. */
  List<Pod> pods() {
    return client.pods().inNamespace(NAMESPACE).withLabel(Labels.INSTANCE, NAME).list().getItems();
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      operator.close();
    } finally {
      cluster.close();
      client.close();
      server.destroy();
    }
  }
}

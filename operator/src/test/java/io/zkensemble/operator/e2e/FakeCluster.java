package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * What fabric8's mock API server lacks to run workloads: a StatefulSet controller, a garbage
 * collector, a volume provisioner, DNS, and a kubelet whose one node runs every pod of a namespace
 * as real processes on this host. Generic: it works from what the objects say.
 *
 * <h2>What runs where</h2>
 *
 * <ul>
 *   <li>{@link StatefulSetController}: podManagementPolicy Parallel and updateStrategy OnDelete
 *       only (anything else: an ERROR in the log, and the set is ignored); claims from
 *       volumeClaimTemplates, pods {@code <set>-<ordinal>}, scale-down, status; claims' owners by
 *       persistentVolumeClaimRetentionPolicy.
 *   <li>{@link GarbageCollector}: deletes pods and claims whose StatefulSet or Pod owners are gone.
 *   <li>{@link VolumeProvisioner}: binds each claim at once to {@code workDir/volumes/<claim>},
 *       deleted with the claim; the pvc-protection finalizer.
 *   <li>{@link Kubelet} and {@link PodRuntime}: each pod gets an address 127.0.1.x (x from 2 up,
 *       the same for a pod name all run long), the kubelet's finalizer {@value Kubelet#FINALIZER}
 *       (so that a deleted pod stays, Terminating, until its processes are gone), init containers
 *       one after another, then the containers, each in its own mount namespace with its volumes
 *       bind-mounted at their mount paths ({@code unshare}, then {@code exec}: the process the
 *       harness signals is the container's program), restarts, probes, preStop hooks, graceful
 *       termination, and the pod's status.
 *   <li>{@link HostsFile}: the DNS, a hosts file for {@code -Djdk.net.hosts.file}.
 * </ul>
 *
 * Informers on the namespace's StatefulSets, Pods, PVCs, ConfigMaps, Secrets and Services trigger
 * one level-triggered sync of all of the above on a single thread (events coalesce; a failed call
 * syncs again a second later). Pods' status has a writer of its own ({@link StatusWriter}).
 *
 * <h2>The mock API server (fabric8 kubernetes-server-mock 7.4.0, CRUD mode)</h2>
 *
 * <ul>
 *   <li>A DELETE of an object with finalizers only sets {@code deletionTimestamp} (and a new
 *       resourceVersion); an update or patch that leaves a deleted object without finalizers
 *       removes it. So the kubelet's finalizer gives pods their Terminating phase. The mock reads
 *       no DeleteOptions: {@code deletionGracePeriodSeconds} stays unset, so the grace period is
 *       the pod's {@code terminationGracePeriodSeconds} (default 30 s); a pod with 0 is SIGKILLed
 *       at once.
 *   <li>The status subresource exists only for custom resources (from their CRD): for Pods, PVCs
 *       and StatefulSets both a PUT to {@code /status} and a plain update write the status. The
 *       harness writes through {@code /status}, as Kubernetes requires, with the resourceVersion
 *       and a retry on 409; the mock never answers 409 there (it applies the status to the stored
 *       object, whatever the request's resourceVersion: last write wins), which is harmless with
 *       one writer per object. A plain update by someone else that carries no status wipes it: the
 *       harness writes it again on the event that follows.
 *   <li>No defaulting, no admission, no garbage collection: the harness adds what it needs of those
 *       (pvc-protection, claims' and pods' collection, nodeName, serviceAccountName "default").
 * </ul>
 *
 * <h2>The JDK's hosts file name service, and caching</h2>
 *
 * With {@code -Djdk.net.hosts.file=F} the JDK resolves every name (and address) from F alone, and
 * reads F anew on every lookup that its cache does not answer (it keeps no copy of the file and
 * does not watch it); a name on several lines gives all their addresses, in file order; a reverse
 * lookup takes the first line with the address (pods come first). F must exist and name {@code
 * localhost} and the machine's hostname ({@link java.net.InetAddress#getLocalHost} fails
 * otherwise): the harness writes both. What makes a change visible late is InetAddress's cache:
 * successful lookups are cached 30 s by default ({@code networkaddress.cache.ttl}, or the system
 * property {@code sun.net.inetaddr.ttl}), failed ones 10 s, from {@code
 * networkaddress.cache.negative.ttl=10} in the JDK's {@code java.security}, which wins over the
 * system property {@code sun.net.inetaddr.negative.ttl}: {@code -Dsun.net.inetaddr.negative.ttl=0}
 * has no effect. Hence {@link #jvmDnsOptions()}: the hosts file, {@code sun.net.inetaddr.ttl=0},
 * and a {@code -Djava.security.properties} file that sets both TTLs to 0. The harness itself writes
 * the file atomically (a rename, so a lookup reads the old file or the new, never half of one),
 * writes a pod's line before the pod's containers start, and keeps it while the pod is Terminating,
 * so that a name a process looks up was never absent (nothing to cache negatively).
 *
 * <h2>Less than Kubernetes, or faster</h2>
 *
 * <ul>
 *   <li>Back-off of restarts 1 s doubling to 8 s (Kubernetes: 10 s to 5 min; the first restart is
 *       immediate in both), reset after 16 s of running (Kubernetes: 10 min).
 *   <li>Probes every second whatever periodSeconds says (failureThreshold consecutive failures thus
 *       take failureThreshold seconds); httpGet (HTTP only) and tcpSocket, no exec or grpc.
 *   <li>A pod's DNS name is in the hosts file as long as the pod exists, whether or not a headless
 *       Service selects it; a Service's name resolves to its endpoints' pod IPs (no cluster IP, no
 *       kube-proxy); no search domains: names must be fully qualified ({@code x.ns.svc}).
 *   <li>Processes run as root on the host's network and filesystem (only the mount points differ),
 *       with the harness's environment as the image's; an image is an entry in {@code images}, its
 *       ENTRYPOINT (no CMD, no image env). No resources, limits, security contexts, service links
 *       env, projected or downwardAPI volumes, ephemeral containers or sidecar init containers.
 *   <li>configMap and secret volumes are rewritten in place, file by file, on every change (the
 *       kubelet swaps a symlink, after up to a minute).
 * </ul>
 */
public final class FakeCluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FakeCluster.class);

  final KubernetesClient client;
  final String namespace;
  final Path workDir;
  final Path volumes;
  final Map<String, List<String>> images;
  final BiFunction<Pod, String, Map<String, String>> extraEnv;

  /** Every process the harness starts carries a tag that starts so (see {@link Processes}). */
  final String tag = "fake-cluster-" + UUID.randomUUID() + "/";

  private final Path hostsFilePath;
  private final HostsFile hostsFile;
  private final Path dnsSecurityFile;
  private final String machineHostname;
  private final Map<String, String> podIps = new ConcurrentHashMap<>();
  private final AtomicInteger nextIp = new AtomicInteger(2);
  private final StatefulSetController controller;
  private final GarbageCollector garbageCollector;
  private final VolumeProvisioner provisioner;
  private final Kubelet kubelet;
  private final ScheduledThreadPoolExecutor loop =
      new ScheduledThreadPoolExecutor(
          1, Thread.ofPlatform().name("fake-cluster").daemon().factory());
  private final AtomicBoolean queued = new AtomicBoolean();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<StatefulSet> sets;
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<PersistentVolumeClaim> claims;
  private SharedIndexInformer<ConfigMap> configMaps;
  private SharedIndexInformer<Secret> secrets;
  private SharedIndexInformer<Service> services;
  private volatile boolean started;
  private volatile boolean closed;

  /**
   * @param client a client of the (mock) API server
   * @param namespace the namespace whose workloads this runs
   * @param workDir per-run scratch: {@code volumes/}, {@code logs/}, {@code pods/}
   * @param hostsFile the file given to every JVM with {@code -Djdk.net.hosts.file}
   * @param images image name to the entrypoint argv on this host (used when a container has no
   *     {@code command}); a container whose image is missing waits in ErrImagePull, then
   *     ImagePullBackOff, for good
   * @param extraEnv environment added to every container the harness starts, from the pod and its
   *     IP; it wins over the container's own env
   */
  public FakeCluster(
      KubernetesClient client,
      String namespace,
      Path workDir,
      Path hostsFile,
      Map<String, List<String>> images,
      BiFunction<Pod, String, Map<String, String>> extraEnv) {
    this.client = client;
    this.namespace = namespace;
    this.workDir = workDir.toAbsolutePath();
    this.volumes = this.workDir.resolve("volumes");
    this.hostsFilePath = hostsFile.toAbsolutePath();
    this.hostsFile = new HostsFile(hostsFilePath);
    this.dnsSecurityFile = this.workDir.resolve("dns.security");
    this.images = Map.copyOf(images);
    this.extraEnv = extraEnv;
    this.machineHostname = machineHostname();
    this.controller = new StatefulSetController(this);
    this.garbageCollector = new GarbageCollector(this);
    this.provisioner = new VolumeProvisioner(this);
    this.kubelet = new Kubelet(this);
  }

  /** Writes the hosts file, starts the informers (waiting for their first lists) and the sync. */
  public void start() {
    try {
      Files.createDirectories(volumes);
      Files.writeString(
          dnsSecurityFile, "networkaddress.cache.ttl=0\nnetworkaddress.cache.negative.ttl=0\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    hostsFile.write(HostsFile.render(namespace, machineHostname, List.of(), List.of(), this::ipOf));
    sets = inform(client.apps().statefulSets().inNamespace(namespace).inform(onChange(), 0));
    pods = inform(client.pods().inNamespace(namespace).inform(onChange(), 0));
    claims = inform(client.persistentVolumeClaims().inNamespace(namespace).inform(onChange(), 0));
    configMaps = inform(client.configMaps().inNamespace(namespace).inform(onChange(), 0));
    secrets = inform(client.secrets().inNamespace(namespace).inform(onChange(), 0));
    services = inform(client.services().inNamespace(namespace).inform(onChange(), 0));
    started = true;
    trigger();
  }

  /** The pod's address (stable per pod name for the whole run); null if the pod was never seen. */
  public String podIP(String pod) {
    return podIps.get(pod);
  }

  /** The directory that backs the claim (it exists while the claim does). */
  public Path volume(String pvcName) {
    return volumes.resolve(pvcName);
  }

  /** The container's stdout and stderr, all its starts (and those of the pods of that name). */
  public Path log(String pod, String container) {
    return workDir.resolve("logs").resolve(pod).resolve(container + ".log");
  }

  /** SIGKILLs the pod's running containers (not init): the kubelet restarts them. */
  public void crash(String pod) {
    kubelet.crash(pod);
  }

  /**
   * JVM options that make a JVM resolve names through this cluster's hosts file and see every
   * change at once: {@code -Djdk.net.hosts.file}, {@code -Dsun.net.inetaddr.ttl=0} and a {@code
   * -Djava.security.properties} file with both cache TTLs 0 (see the class's Javadoc).
   */
  public List<String> jvmDnsOptions() {
    return List.of(
        "-Djdk.net.hosts.file=" + hostsFilePath,
        "-Dsun.net.inetaddr.ttl=0",
        "-Djava.security.properties=" + dnsSecurityFile);
  }

  /** Stops the informers and the sync, SIGKILLs every process and waits for them. */
  @Override
  public void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    informers.forEach(SharedIndexInformer::stop);
    loop.shutdownNow();
    if (!loop.awaitTermination(30, TimeUnit.SECONDS)) {
      LOG.error("the FakeCluster's sync did not end within 30 s");
    }
    kubelet.close();
    int left = Processes.killTagged(tag);
    if (left > 0) {
      LOG.warnf("FakeCluster: %d processes outlived their pods, SIGKILLed", left);
    }
  }

  // ---------------------------------------------------------------- for the parts

  void trigger() {
    if (!started || closed || !queued.compareAndSet(false, true)) {
      return;
    }
    try {
      loop.execute(
          () -> {
            queued.set(false);
            sync();
          });
    } catch (RejectedExecutionException e) {
      queued.set(false); // closing
    }
  }

  /** Syncs again in a second: something failed, or waits for something no event announces. */
  void requeue() {
    try {
      loop.schedule(this::trigger, 1, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  String ipOf(String pod) {
    return podIps.computeIfAbsent(
        pod,
        name -> {
          int host = nextIp.getAndIncrement();
          if (host > 254) {
            throw new IllegalStateException("FakeCluster has no address left for pod " + name);
          }
          return "127.0.1." + host;
        });
  }

  ConfigMap configMap(String name) {
    return configMaps.getStore().getByKey(namespace + "/" + name);
  }

  Secret secret(String name) {
    return secrets.getStore().getByKey(namespace + "/" + name);
  }

  PersistentVolumeClaim claim(String name) {
    return claims.getStore().getByKey(namespace + "/" + name);
  }

  /**
   * Writes the status {@code change} makes on a fresh copy of the object, unless it is so already;
   * on a 409 conflict reads again and retries.
   */
  <T extends HasMetadata> void updateStatus(T object, UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      T fresh = client.resource(object).get();
      if (fresh == null || !fresh.getMetadata().getUid().equals(object.getMetadata().getUid())) {
        return;
      }
      T changed = change.apply(Serialization.clone(fresh));
      if (StatusWriter.same(changed, fresh)) {
        return;
      }
      try {
        client.resource(changed).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  /**
   * Edits the object as the server has it now (fabric8 sends the change as a JSON patch guarded by
   * the resourceVersion); on a 409 conflict reads again and retries. Null when it is gone.
   */
  <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return resource.edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return null;
        }
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private void sync() {
    if (closed) {
      return;
    }
    try {
      List<StatefulSet> setList = sets.getStore().list();
      List<Pod> podList = pods.getStore().list();
      List<PersistentVolumeClaim> claimList = claims.getStore().list();
      controller.sync(setList, podList, claimList);
      garbageCollector.sync(setList, podList, claimList);
      provisioner.sync(claimList, podList);
      // Before any pod starts: its own name resolves from its first instruction on.
      hostsFile.write(
          HostsFile.render(
              namespace, machineHostname, podList, services.getStore().list(), this::ipOf));
      kubelet.sync(podList);
    } catch (RuntimeException e) {
      LOG.error("FakeCluster: a sync failed, again in 1 s", e);
      requeue();
    }
  }

  private <T> SharedIndexInformer<T> inform(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }

  private <T> ResourceEventHandler<T> onChange() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        trigger();
      }

      @Override
      public void onUpdate(T before, T after) {
        trigger();
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        trigger();
      }
    };
  }

  private static String machineHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "localhost";
    }
  }
}

package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * One pod on the fake node, from its admission to its end: schedules it (the kubelet's finalizer
 * and {@code spec.nodeName}), lays out its volumes, runs its init containers one after another and
 * then its containers, and when the pod is deleted runs the containers' preStop hooks, SIGTERMs
 * them, SIGKILLs them at the end of the grace period, removes its directories and lastly the
 * finalizer, so that the pod object disappears only once nothing of it runs. The pod's own thread
 * does all that; each main container has a thread of its own (see {@link ContainerRunner}).
 */
final class PodRuntime {
  private static final Logger LOG = Logger.getLogger(PodRuntime.class);
  private static final Pattern META_FIELD =
      Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");
  private static final Duration LOOP_TIMEOUT = Duration.ofSeconds(15);

  record Mount(Path source, Path target, boolean readOnly) {}

  final FakeCluster cluster;
  private final Kubelet kubelet;
  final String name;
  final String uid;
  final String namespace;
  final String ip;

  /** Every process of this pod carries a tag that starts so. */
  final String tag;

  final Object lock = new Object();
  private boolean stopping; // guarded by lock

  /** Completed with the grace period in seconds when the pod is to stop. */
  private final CompletableFuture<Long> termination = new CompletableFuture<>();

  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<ContainerRunner> initContainers = new ArrayList<>();
  private final List<ContainerRunner> containers = new ArrayList<>();
  private final Path dir;
  private final Map<String, Path> volumes = new HashMap<>(); // guarded by this
  private volatile Pod pod;
  private volatile Instant startTime;
  private volatile boolean initialized;
  private volatile boolean terminal;
  private volatile boolean aborted;

  PodRuntime(FakeCluster cluster, Kubelet kubelet, Pod pod, String ip) {
    this.cluster = cluster;
    this.kubelet = kubelet;
    this.pod = pod;
    this.name = pod.getMetadata().getName();
    this.uid = pod.getMetadata().getUid();
    this.namespace = cluster.namespace;
    this.ip = ip;
    this.tag = cluster.tag + uid + "/";
    this.dir = cluster.workDir.resolve("pods").resolve(name + "-" + uid);
    boolean hasInit = !pod.getSpec().getInitContainers().isEmpty();
    pod.getSpec()
        .getInitContainers()
        .forEach(c -> initContainers.add(new ContainerRunner(this, c, true, true)));
    pod.getSpec()
        .getContainers()
        .forEach(c -> containers.add(new ContainerRunner(this, c, false, hasInit)));
  }

  void start() {
    Thread.ofVirtual().name("fake-pod-" + name).start(this::run);
  }

  /** The latest pod object the kubelet saw (labels and annotations for the downward API). */
  void observe(Pod latest) {
    pod = latest;
  }

  /** The pod was deleted: stop it within the grace period (0: SIGKILL at once). Idempotent. */
  void terminate(long graceSeconds) {
    synchronized (lock) {
      stopping = true;
    }
    termination.complete(graceSeconds);
  }

  /** The pod object is gone (or the harness closes): SIGKILL, and leave the API alone. */
  void abort() {
    aborted = true;
    terminate(0);
  }

  /** SIGKILLs the running main containers; they restart as after any crash. */
  void crash() {
    containers.forEach(ContainerRunner::kill);
  }

  boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      if (!schedule()) {
        return;
      }
      startTime = Instant.now();
      publish();
      prepareVolumes();
      boolean initDone = true;
      for (ContainerRunner initContainer : initContainers) {
        if (!initContainer.run()) {
          initDone = false;
          break;
        }
      }
      if (initDone && !stopping()) {
        initialized = true;
        publish();
        containers.forEach(ContainerRunner::startLoop);
      }
      shutdown(termination.join());
    } catch (RuntimeException | IOException | InterruptedException e) {
      LOG.errorf(e, "pod %s failed in the fake kubelet; it stays as it is until deleted", name);
      termination.join();
      shutdownQuietly();
    } finally {
      terminal = true;
      if (!aborted) {
        kubelet.statusWriter.flush(name, uid, this::status);
      }
      synchronized (this) {
        volumes.clear();
      }
      deleteRecursively(dir);
      if (!aborted) {
        kubelet.removeFinalizer(name, uid);
      }
      kubelet.forget(this);
      finished.countDown();
    }
  }

  /** Takes the pod on: the kubelet's finalizer and the node's name. False when it is gone. */
  private boolean schedule() {
    try {
      Pod scheduled = kubelet.schedule(name, uid);
      if (scheduled == null) {
        return false;
      }
      pod = scheduled;
      return true;
    } catch (KubernetesClientException e) {
      LOG.errorf(e, "cannot schedule pod %s", name);
      return false;
    }
  }

  private void shutdown(long graceSeconds) throws InterruptedException {
    synchronized (lock) {
      stopping = true;
    }
    Instant deadline = Instant.now().plusSeconds(graceSeconds);
    List<Thread> stoppers = new ArrayList<>();
    for (ContainerRunner c : all()) {
      stoppers.add(
          Thread.ofVirtual()
              .name("fake-stop-" + name + "-" + c.name)
              .start(() -> c.stop(deadline, graceSeconds > 0)));
    }
    for (Thread stopper : stoppers) {
      // Each stopper ends with SIGKILL at the deadline (+2 s after a slow hook, +10 s to die).
      if (!stopper.join(Duration.ofSeconds(graceSeconds + 15))) {
        LOG.errorf("pod %s: a container did not stop in time", name);
      }
    }
    for (ContainerRunner c : containers) {
      c.awaitLoop(LOOP_TIMEOUT);
    }
    Processes.killTagged(tag);
  }

  private void shutdownQuietly() {
    try {
      shutdown(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean stopping() {
    synchronized (lock) {
      return stopping;
    }
  }

  boolean stoppingLocked() {
    return stopping;
  }

  /** Waits until the pod is to stop (true) or the timeout passed (false); null: no timeout. */
  boolean awaitStop(Duration timeout) {
    try {
      if (timeout == null) {
        termination.get();
      } else {
        termination.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  void publish() {
    kubelet.statusWriter.request(name, uid, this::status);
  }

  String restartPolicy() {
    return Objects.requireNonNullElse(pod.getSpec().getRestartPolicy(), "Always");
  }

  long terminationGracePeriodSeconds() {
    Long grace = pod.getSpec().getTerminationGracePeriodSeconds();
    return grace != null ? grace : 30;
  }

  String hostname() {
    return Objects.requireNonNullElse(pod.getSpec().getHostname(), name);
  }

  Map<String, String> extraEnv() {
    Map<String, String> extra = cluster.extraEnv.apply(pod, ip);
    return extra != null ? extra : Map.of();
  }

  private List<ContainerRunner> all() {
    return Stream.concat(initContainers.stream(), containers.stream()).toList();
  }

  // ---------------------------------------------------------------- volumes

  /** Lays out every volume: claims' directories, emptyDirs, configMaps' and secrets' files. */
  private synchronized void prepareVolumes() throws IOException {
    for (Volume volume : pod.getSpec().getVolumes()) {
      Path path;
      if (volume.getPersistentVolumeClaim() != null) {
        path = cluster.volume(volume.getPersistentVolumeClaim().getClaimName());
      } else if (volume.getHostPath() != null) {
        path = Path.of(volume.getHostPath().getPath());
      } else if (volume.getEmptyDir() != null
          || volume.getConfigMap() != null
          || volume.getSecret() != null) {
        path = dir.resolve("volumes").resolve(volume.getName());
      } else {
        LOG.errorf(
            "pod %s: volume %s is of a kind FakeCluster does not know: an empty directory",
            name, volume.getName());
        path = dir.resolve("volumes").resolve(volume.getName());
      }
      Files.createDirectories(path);
      volumes.put(volume.getName(), path);
    }
    refreshProjectedVolumes();
  }

  /** (Re)writes the configMap and secret volumes, as the kubelet eventually does on a change. */
  synchronized void refreshProjectedVolumes() {
    if (terminal) {
      return; // its directories are being deleted
    }
    for (Volume volume : pod.getSpec().getVolumes()) {
      Path path = volumes.get(volume.getName());
      if (path == null) {
        continue; // not laid out yet
      }
      if (volume.getConfigMap() != null) {
        ConfigMap configMap = cluster.configMap(volume.getConfigMap().getName());
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (configMap != null) {
          configMap.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
          configMap.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        writeKeys(
            path, data, volume.getConfigMap().getItems(), volume.getConfigMap().getDefaultMode());
      } else if (volume.getSecret() != null) {
        Secret secret = cluster.secret(volume.getSecret().getSecretName());
        writeKeys(
            path,
            secretData(secret),
            volume.getSecret().getItems(),
            volume.getSecret().getDefaultMode());
      }
    }
  }

  /** Writes each key as a file (atomically, only when changed) and removes the other files. */
  private void writeKeys(
      Path target, Map<String, byte[]> data, List<KeyToPath> items, Integer defaultMode) {
    Map<Path, byte[]> files = new HashMap<>();
    Map<Path, Integer> modes = new HashMap<>();
    int mode = defaultMode != null ? defaultMode : 0644;
    if (items.isEmpty()) {
      data.forEach((key, value) -> files.put(target.resolve(key), value));
    } else {
      for (KeyToPath item : items) {
        if (data.containsKey(item.getKey())) {
          files.put(target.resolve(item.getPath()), data.get(item.getKey()));
          modes.put(target.resolve(item.getPath()), item.getMode());
        }
      }
    }
    try {
      for (Map.Entry<Path, byte[]> file : files.entrySet()) {
        Path path = file.getKey();
        if (Files.isRegularFile(path) && Arrays.equals(Files.readAllBytes(path), file.getValue())) {
          continue;
        }
        Files.createDirectories(path.getParent());
        Path temporary = Files.createTempFile(path.getParent(), ".", ".tmp");
        Files.write(temporary, file.getValue());
        Files.setPosixFilePermissions(
            temporary, permissions(Objects.requireNonNullElse(modes.get(path), mode)));
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
      }
      try (Stream<Path> existing = Files.walk(target)) {
        for (Path path : existing.filter(Files::isRegularFile).toList()) {
          if (!files.containsKey(path)) {
            Files.delete(path);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the volume " + target, e);
    }
  }

  /** The volume mounts of a container, with their mount points made on the host when missing. */
  List<Mount> mounts(Container container) throws ContainerRunner.Waiting {
    List<Mount> mounts = new ArrayList<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Path source;
      synchronized (this) {
        source = volumes.get(mount.getName());
      }
      if (source == null) {
        throw new ContainerRunner.Waiting(
            "CreateContainerConfigError", "volume \"" + mount.getName() + "\" is not in the pod");
      }
      if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
        source = source.resolve(mount.getSubPath());
      }
      Path target = Path.of(mount.getMountPath());
      try {
        if (Files.isRegularFile(source)) {
          Files.createDirectories(target.getParent());
          if (!Files.exists(target)) {
            Files.createFile(target);
          }
        } else {
          Files.createDirectories(source);
          Files.createDirectories(target);
        }
      } catch (IOException e) {
        throw new ContainerRunner.Waiting(
            "CreateContainerError", "cannot make " + target + ": " + e);
      }
      mounts.add(new Mount(source, target, Boolean.TRUE.equals(mount.getReadOnly())));
    }
    mounts.sort(Comparator.comparing(Mount::target)); // a parent before what is mounted in it
    return mounts;
  }

  // ---------------------------------------------------------------- environment

  /** The container's environment as Kubernetes makes it: envFrom, then env in order. */
  Map<String, String> environment(Container container) throws ContainerRunner.Waiting {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      String prefix = Objects.requireNonNullElse(from.getPrefix(), "");
      Map<String, String> values = null;
      boolean optional;
      String what;
      if (from.getConfigMapRef() != null) {
        optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
        what = "configmap \"" + from.getConfigMapRef().getName() + "\"";
        ConfigMap configMap = cluster.configMap(from.getConfigMapRef().getName());
        values = configMap != null ? configMap.getData() : null;
      } else {
        optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
        what = "secret \"" + from.getSecretRef().getName() + "\"";
        Secret secret = cluster.secret(from.getSecretRef().getName());
        if (secret != null) {
          values = new LinkedHashMap<>();
          for (Map.Entry<String, byte[]> e : secretData(secret).entrySet()) {
            values.put(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
          }
        }
      }
      if (values == null) {
        if (optional) {
          continue;
        }
        throw new ContainerRunner.Waiting("CreateContainerConfigError", what + " not found");
      }
      values.forEach((k, v) -> env.put(prefix + k, v));
    }
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() == null) {
        String value = Objects.requireNonNullElse(variable.getValue(), "");
        env.put(variable.getName(), Expansion.expand(value, env::get));
      } else {
        String value = valueFrom(variable.getValueFrom());
        if (value != null) {
          env.put(variable.getName(), value);
        }
      }
    }
    return env;
  }

  private String valueFrom(EnvVarSource source) throws ContainerRunner.Waiting {
    if (source.getFieldRef() != null) {
      return field(source.getFieldRef().getFieldPath());
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      ConfigMap configMap = cluster.configMap(ref.getName());
      String value = configMap != null ? configMap.getData().get(ref.getKey()) : null;
      if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
        throw new ContainerRunner.Waiting(
            "CreateContainerConfigError",
            configMap == null
                ? "configmap \"" + ref.getName() + "\" not found"
                : "couldn't find key "
                    + ref.getKey()
                    + " in ConfigMap "
                    + namespace
                    + "/"
                    + ref.getName());
      }
      return value;
    }
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      Secret secret = cluster.secret(ref.getName());
      byte[] value = secret != null ? secretData(secret).get(ref.getKey()) : null;
      if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
        throw new ContainerRunner.Waiting(
            "CreateContainerConfigError",
            secret == null
                ? "secret \"" + ref.getName() + "\" not found"
                : "couldn't find key "
                    + ref.getKey()
                    + " in Secret "
                    + namespace
                    + "/"
                    + ref.getName());
      }
      return value != null ? new String(value, StandardCharsets.UTF_8) : null;
    }
    throw new ContainerRunner.Waiting(
        "CreateContainerConfigError",
        "FakeCluster supports fieldRef, configMapKeyRef and secretKeyRef only");
  }

  /** The downward API's fields. */
  private String field(String path) throws ContainerRunner.Waiting {
    Pod current = pod;
    switch (path) {
      case "metadata.name":
        return name;
      case "metadata.namespace":
        return namespace;
      case "metadata.uid":
        return uid;
      case "spec.nodeName":
        return current.getSpec().getNodeName();
      case "spec.serviceAccountName":
        return Objects.requireNonNullElse(current.getSpec().getServiceAccountName(), "default");
      case "status.podIP":
      case "status.podIPs":
        return ip;
      case "status.hostIP":
      case "status.hostIPs":
        return Kubelet.HOST_IP;
      default:
        Matcher m = META_FIELD.matcher(path);
        if (m.matches()) {
          Map<String, String> values =
              m.group(1).equals("labels")
                  ? current.getMetadata().getLabels()
                  : current.getMetadata().getAnnotations();
          return values != null ? values.getOrDefault(m.group(2), "") : "";
        }
        throw new ContainerRunner.Waiting(
            "CreateContainerConfigError", "unsupported fieldRef " + path);
    }
  }

  /** A secret's data, decoded; and its stringData, which the mock does not fold into data. */
  private static Map<String, byte[]> secretData(Secret secret) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return data;
  }

  // ---------------------------------------------------------------- status

  /** The status as the kubelet reports it; transition times kept from the stored status. */
  PodStatus status(Pod stored) {
    List<ContainerStatus> initStatuses =
        initContainers.stream().map(ContainerRunner::status).toList();
    List<ContainerStatus> statuses = containers.stream().map(ContainerRunner::status).toList();
    List<String> incomplete =
        initialized ? List.of() : initContainers.stream().map(c -> c.name).toList();
    List<String> unready =
        containers.stream().filter(c -> !initialized || !c.ready()).map(c -> c.name).toList();
    List<PodCondition> old =
        stored.getStatus() != null ? stored.getStatus().getConditions() : List.of();
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(old, "PodScheduled", true, null, null));
    conditions.add(
        condition(
            old,
            "Initialized",
            incomplete.isEmpty(),
            "ContainersNotInitialized",
            "containers with incomplete status: " + incomplete));
    for (String type : List.of("ContainersReady", "Ready")) {
      conditions.add(
          condition(
              old,
              type,
              unready.isEmpty() && !terminal,
              "ContainersNotReady",
              "containers with unready status: " + unready));
    }
    return new PodStatusBuilder()
        .withPhase(phase())
        .withConditions(conditions)
        .withHostIP(Kubelet.HOST_IP)
        .addNewHostIP(Kubelet.HOST_IP)
        .withPodIP(ip)
        .addNewPodIP(ip)
        .withStartTime(startTime != null ? ContainerRunner.ts(startTime) : null)
        .withInitContainerStatuses(initStatuses)
        .withContainerStatuses(statuses)
        .build();
  }

  /** Kubernetes' pod phase from the containers' states (kubelet's getPhase). */
  private String phase() {
    List<ContainerState> states;
    List<ContainerState> initStates;
    synchronized (lock) {
      states = containers.stream().map(ContainerRunner::stateLocked).toList();
      initStates = initContainers.stream().map(ContainerRunner::stateLocked).toList();
    }
    boolean never = "Never".equals(restartPolicy());
    if (!initialized) {
      boolean failed =
          initStates.stream()
              .anyMatch(s -> s.getTerminated() != null && s.getTerminated().getExitCode() != 0);
      return (never || terminal) && failed ? "Failed" : "Pending";
    }
    int running = 0;
    int waiting = 0;
    int stopped = 0;
    int succeeded = 0;
    for (ContainerState state : states) {
      if (state.getRunning() != null) {
        running++;
      } else if (state.getTerminated() != null) {
        stopped++;
        if (state.getTerminated().getExitCode() == 0) {
          succeeded++;
        }
      } else {
        waiting++;
      }
    }
    if (terminal) {
      return stopped == states.size() && succeeded == stopped ? "Succeeded" : "Failed";
    }
    if (waiting > 0) {
      return "Pending";
    }
    if (running > 0) {
      return "Running";
    }
    if (stopped > 0) {
      return switch (restartPolicy()) {
        case "Never" -> succeeded == stopped ? "Succeeded" : "Failed";
        case "OnFailure" -> succeeded == stopped ? "Succeeded" : "Running";
        default -> "Running";
      };
    }
    return "Pending";
  }

  static PodCondition condition(
      List<PodCondition> old, String type, boolean ok, String reason, String message) {
    String status = ok ? "True" : "False";
    String since =
        old.stream()
            .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
            .map(PodCondition::getLastTransitionTime)
            .findFirst()
            .orElse(ContainerRunner.ts(Instant.now()));
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withLastTransitionTime(since)
        .withReason(ok ? null : reason)
        .withMessage(ok ? null : message)
        .build();
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        permissions.add(bits[i]);
      }
    }
    return permissions;
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.errorf(e, "cannot delete %s", path);
    }
  }
}

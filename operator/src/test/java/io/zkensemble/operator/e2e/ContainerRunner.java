package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One container of a pod: builds its argv and environment as Kubernetes does, runs it in a mount
 * namespace of its own with its volumes at their mount paths, restarts it as the pod's
 * restartPolicy says (with a shortened back-off), runs its probes and its preStop hook, and keeps
 * the state that its {@link ContainerStatus} reports. The state is guarded by the pod's lock.
 */
final class ContainerRunner {
  private static final Logger LOG = Logger.getLogger(ContainerRunner.class);

  /** Kubernetes backs off 10 s doubling to 5 min; the harness 1 s doubling to 8 s. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

  /** Kubernetes probes every periodSeconds; the harness every second at most. */
  static final Duration PROBE_PERIOD = Duration.ofSeconds(1);

  /** How long a process may take to go once SIGKILLed before the harness reports it. */
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  /** Why a container cannot start now: a waiting reason of Kubernetes and its message. */
  static final class Waiting extends Exception {
    final String reason;

    Waiting(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  private record Launch(List<String> argv, Map<String, String> env, String tag) {}

  private final PodRuntime pod;
  final Container spec;
  final boolean init;
  final String name;

  // Guarded by pod.lock.
  private Process process;
  private Launch launch;
  private Instant startedAt;
  private int starts;
  private ContainerState state;
  private ContainerState lastTermination;
  private ContainerState previousTermination;
  private boolean ready;
  private boolean started;

  private volatile Thread loop;

  ContainerRunner(PodRuntime pod, Container spec, boolean init, boolean podHasInitContainers) {
    this.pod = pod;
    this.spec = spec;
    this.init = init;
    this.name = spec.getName();
    this.state =
        waiting(init || podHasInitContainers ? "PodInitializing" : "ContainerCreating", null);
  }

  /** Runs {@link #run} on a thread of its own: the pod's main containers run side by side. */
  void startLoop() {
    loop = Thread.ofVirtual().name("fake-container-" + pod.name + "-" + name).start(this::run);
  }

  /** Waits for the loop started by {@link #startLoop} to end (the pod is stopping). */
  void awaitLoop(Duration timeout) throws InterruptedException {
    Thread thread = loop;
    if (thread != null && !thread.join(timeout)) {
      LOG.errorf(
          "container %s of pod %s still runs %s after it was stopped", name, pod.name, timeout);
    }
  }

  /**
   * Runs the container, restarting it when the pod's restartPolicy says so, until the pod stops.
   * Returns true when it exited 0 and is not to be restarted (an init container's success).
   */
  boolean run() {
    Duration backoff = null;
    while (!pod.stopping()) {
      Process started;
      try {
        started = start(prepare());
      } catch (Waiting w) {
        setWaiting(w.reason, w.getMessage());
        if (w.reason.equals("ErrImagePull")) {
          // The images map never changes: like a registry that lacks the image, forever.
          if (pod.awaitStop(FIRST_BACKOFF)) {
            return false;
          }
          setWaiting("ImagePullBackOff", "Back-off pulling image \"" + spec.getImage() + "\"");
          pod.awaitStop(null);
          return false;
        }
        backoff = backoff == null ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
        if (pod.awaitStop(backoff)) {
          return false;
        }
        continue;
      } catch (IOException e) {
        LOG.errorf(e, "cannot start container %s of pod %s", name, pod.name);
        terminated(128, "StartError", e.getMessage(), Instant.now());
        started = null;
      }
      if (started == null && pod.stopping()) {
        return false;
      }
      Instant startTime = Instant.now();
      int exitCode = 128;
      if (started != null) {
        if (!init) {
          Process probed = started;
          Thread.ofVirtual()
              .name("fake-probes-" + pod.name + "-" + name)
              .start(() -> probe(probed));
        }
        exitCode = started.onExit().join().exitValue();
        Processes.killTagged(launchTag());
        terminated(exitCode, exitCode == 0 ? "Completed" : "Error", null, startTime);
      }
      if (pod.stopping()) {
        return false;
      }
      if (exitCode == 0 && (init || !"Always".equals(pod.restartPolicy()))) {
        return true;
      }
      if (exitCode != 0 && "Never".equals(pod.restartPolicy())) {
        return false;
      }
      // Kubernetes restarts at once after the first exit, then backs off; a long run resets it.
      if (Duration.between(startTime, Instant.now()).compareTo(MAX_BACKOFF.multipliedBy(2)) > 0) {
        backoff = null;
      }
      if (backoff == null) {
        backoff = FIRST_BACKOFF;
      } else {
        setWaiting(
            "CrashLoopBackOff",
            "back-off %ds restarting failed container=%s pod=%s_%s"
                .formatted(backoff.toSeconds(), name, pod.name, pod.namespace));
        if (pod.awaitStop(backoff)) {
          return false;
        }
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
      }
    }
    return false;
  }

  /** The argv and environment, from the container as Kubernetes builds them. */
  private Launch prepare() throws Waiting {
    List<String> entrypoint = pod.cluster.images.get(spec.getImage());
    if (entrypoint == null) {
      throw new Waiting(
          "ErrImagePull",
          "image \"%s\" is not in the FakeCluster's images map".formatted(spec.getImage()));
    }
    Map<String, String> env = pod.environment(spec);
    List<String> argv = new ArrayList<>();
    if (spec.getCommand().isEmpty()) {
      argv.addAll(entrypoint);
    } else {
      spec.getCommand().forEach(c -> argv.add(Expansion.expand(c, env::get)));
    }
    spec.getArgs().forEach(a -> argv.add(Expansion.expand(a, env::get)));
    String tag = pod.tag + name + "/" + (startCount() + 1) + "/";
    return new Launch(argv, env, tag);
  }

  /**
   * Starts the process: {@code unshare} gives it a mount and a UTS namespace of its own, a shell
   * bind-mounts the volumes onto their mount paths and sets the hostname, then {@code exec}s the
   * argv, so that the process this harness holds (and signals) is the container's own program.
   * Returns null when the pod is stopping: nothing starts after its shutdown began.
   */
  private Process start(Launch launch) throws Waiting, IOException {
    StringBuilder script = new StringBuilder("set -e\n");
    for (PodRuntime.Mount mount : pod.mounts(spec)) {
      script.append("mount --bind ").append(quote(mount.source().toString())).append(' ');
      script.append(quote(mount.target().toString())).append('\n');
      if (mount.readOnly()) {
        script.append("mount -o remount,bind,ro ").append(quote(mount.target().toString()));
        script.append('\n');
      }
    }
    script.append("echo ").append(quote(pod.hostname())).append(" > /proc/sys/kernel/hostname\n");
    if (spec.getWorkingDir() != null && !spec.getWorkingDir().isEmpty()) {
      script.append("cd ").append(quote(spec.getWorkingDir())).append('\n');
    }
    script.append("exec \"$@\"\n");
    List<String> command = new ArrayList<>();
    command.addAll(List.of("unshare", "--mount", "--uts", "--propagation", "private", "--"));
    command.addAll(List.of("/bin/sh", "-c", script.toString(), "sh"));
    command.addAll(launch.argv());
    Path log = pod.cluster.log(pod.name, name);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    Map<String, String> environment = builder.environment();
    environment.put("HOSTNAME", pod.hostname());
    environment.putAll(launch.env());
    environment.putAll(pod.extraEnv());
    environment.put(Processes.TAG, launch.tag());
    synchronized (pod.lock) {
      if (pod.stoppingLocked()) {
        return null;
      }
      appendLog(
          "start %d of container %s in pod %s (uid %s): %s"
              .formatted(starts + 1, name, pod.name, pod.uid, launch.argv()));
      process = builder.start();
      this.launch = launch;
      starts++;
      startedAt = Instant.now();
      state = new ContainerStateBuilder().withNewRunning(ts(startedAt)).build();
      started = spec.getStartupProbe() == null;
      ready = !init && started && spec.getReadinessProbe() == null;
    }
    pod.publish();
    return process;
  }

  /** Probes a started process until it exits: startup first, then liveness and readiness. */
  private void probe(Process process) {
    Probe startup = spec.getStartupProbe();
    Probe liveness = spec.getLivenessProbe();
    Probe readiness = spec.getReadinessProbe();
    Instant begin = Instant.now();
    boolean startedOk = startup == null;
    int startupFailures = 0;
    int livenessFailures = 0;
    int readinessFailures = 0;
    int readinessSuccesses = 0;
    while (!exited(process, PROBE_PERIOD)) {
      if (!startedOk) {
        if (!due(startup, begin)) {
          continue;
        }
        if (check(startup)) {
          startedOk = true;
          setProbed(true, readiness == null ? Boolean.TRUE : null);
        } else if (++startupFailures >= threshold(startup.getFailureThreshold(), 3)) {
          restart(process, startup, "startup");
          return;
        }
        continue;
      }
      if (liveness != null && due(liveness, begin) && !pod.stopping()) {
        if (check(liveness)) {
          livenessFailures = 0;
        } else if (++livenessFailures >= threshold(liveness.getFailureThreshold(), 3)) {
          restart(process, liveness, "liveness");
          return;
        }
      }
      if (readiness != null && due(readiness, begin)) {
        if (check(readiness)) {
          readinessFailures = 0;
          if (++readinessSuccesses >= threshold(readiness.getSuccessThreshold(), 1)) {
            setProbed(true, true);
          }
        } else {
          readinessSuccesses = 0;
          if (++readinessFailures >= threshold(readiness.getFailureThreshold(), 3)) {
            setProbed(true, false);
          }
        }
      }
    }
  }

  /** A failed startup or liveness probe: the kubelet kills the container as on deletion. */
  private void restart(Process process, Probe probe, String kind) {
    appendLog(
        "%s probe failed %d times: killing container %s"
            .formatted(kind, threshold(probe.getFailureThreshold(), 3), name));
    long grace =
        probe.getTerminationGracePeriodSeconds() != null
            ? probe.getTerminationGracePeriodSeconds()
            : pod.terminationGracePeriodSeconds();
    stop(process, Instant.now().plusSeconds(grace), grace > 0);
  }

  /** Stops the running process, if any: see {@link #stop(Process, Instant, boolean)}. */
  void stop(Instant deadline, boolean graceful) {
    Process running;
    synchronized (pod.lock) {
      running = process;
    }
    if (running != null) {
      stop(running, deadline, graceful);
    }
  }

  /**
   * As the kubelet kills a container: the preStop hook (main containers), SIGTERM, and SIGKILL at
   * the deadline, with 2 s more when the hook used the whole grace period. Not graceful: SIGKILL at
   * once.
   */
  private void stop(Process running, Instant deadline, boolean graceful) {
    if (!running.isAlive()) {
      return;
    }
    if (graceful) {
      LifecycleHandler preStop =
          spec.getLifecycle() != null ? spec.getLifecycle().getPreStop() : null;
      if (!init && preStop != null && !preStop(preStop, running, deadline)) {
        deadline = later(deadline, Instant.now().plusSeconds(2));
      }
      running.destroy();
      if (exited(running, until(deadline))) {
        return;
      }
    }
    kill(running);
  }

  /** SIGKILLs the running process, if any, with everything it started (crash, or shutdown). */
  void kill() {
    Process running;
    synchronized (pod.lock) {
      running = process;
    }
    if (running != null) {
      kill(running);
    }
  }

  private void kill(Process running) {
    List<ProcessHandle> descendants = running.descendants().toList();
    running.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    Processes.killTagged(launchTag());
    if (!exited(running, KILL_TIMEOUT)) {
      LOG.errorf(
          "process %d of %s/%s lives %s after SIGKILL",
          running.pid(), pod.name, name, KILL_TIMEOUT);
    }
  }

  /** Runs the hook; true when it ended before the deadline. */
  private boolean preStop(LifecycleHandler hook, Process running, Instant deadline) {
    if (hook.getHttpGet() != null) {
      appendLog("preStop hook: GET " + url(hook.getHttpGet()));
      boolean ok = httpGet(hook.getHttpGet(), until(deadline));
      appendLog("preStop hook " + (ok ? "answered" : "failed"));
      return Instant.now().isBefore(deadline);
    }
    if (hook.getExec() != null) {
      Launch current;
      synchronized (pod.lock) {
        current = launch;
      }
      List<String> command =
          new ArrayList<>(
              List.of(
                  "nsenter", "--target", Long.toString(running.pid()), "--mount", "--uts", "--"));
      command.addAll(hook.getExec().getCommand());
      appendLog("preStop hook: exec " + hook.getExec().getCommand());
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(pod.cluster.log(pod.name, name).toFile()));
        builder.environment().putAll(current.env());
        builder.environment().putAll(pod.extraEnv());
        builder.environment().put(Processes.TAG, current.tag());
        Process hookProcess = builder.start();
        if (exited(hookProcess, until(deadline))) {
          appendLog("preStop hook exited " + hookProcess.exitValue());
          return true;
        }
        hookProcess.destroyForcibly();
        appendLog("preStop hook still ran at the end of the grace period");
        return false;
      } catch (IOException e) {
        LOG.errorf(e, "preStop hook of %s/%s", pod.name, name);
        return true;
      }
    }
    LOG.errorf("preStop hook of %s/%s is neither httpGet nor exec: not run", pod.name, name);
    return true;
  }

  private boolean check(Probe probe) {
    Duration timeout = Duration.ofSeconds(threshold(probe.getTimeoutSeconds(), 1));
    if (probe.getHttpGet() != null) {
      return httpGet(probe.getHttpGet(), timeout);
    }
    if (probe.getTcpSocket() != null) {
      String host = Objects.requireNonNullElse(probe.getTcpSocket().getHost(), pod.ip);
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(host, port(probe.getTcpSocket().getPort())),
            (int) timeout.toMillis());
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    LOG.errorf(
        "a probe of %s/%s is neither httpGet nor tcpSocket: taken as failed", pod.name, name);
    return false;
  }

  private boolean httpGet(HTTPGetAction action, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      return false;
    }
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(url(action)).toURL().openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout((int) Math.max(1, timeout.toMillis()));
      connection.setReadTimeout((int) Math.max(1, timeout.toMillis()));
      connection.setInstanceFollowRedirects(false);
      connection.setRequestProperty("User-Agent", "kube-probe/fake-cluster");
      for (HTTPHeader header : action.getHttpHeaders()) {
        connection.setRequestProperty(header.getName(), header.getValue());
      }
      try {
        int code = connection.getResponseCode();
        try (InputStream body =
            code < 400 ? connection.getInputStream() : connection.getErrorStream()) {
          if (body != null) {
            body.readAllBytes();
          }
        }
        return code >= 200 && code < 400;
      } finally {
        connection.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private String url(HTTPGetAction action) {
    if (action.getScheme() != null && !"HTTP".equalsIgnoreCase(action.getScheme())) {
      LOG.errorf("%s/%s: only HTTP is supported, not %s", pod.name, name, action.getScheme());
    }
    String host =
        action.getHost() != null && !action.getHost().isEmpty() ? action.getHost() : pod.ip;
    String path = Objects.requireNonNullElse(action.getPath(), "/");
    return "http://"
        + host
        + ":"
        + port(action.getPort())
        + (path.startsWith("/") ? "" : "/")
        + path;
  }

  /** A port by number, or by the name of one of the container's ports. */
  private int port(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    for (ContainerPort declared : spec.getPorts()) {
      if (port.getStrVal().equals(declared.getName())) {
        return declared.getContainerPort();
      }
    }
    try {
      return Integer.parseInt(port.getStrVal());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "container " + name + " has no port named " + port.getStrVal());
    }
  }

  ContainerStatus status() {
    synchronized (pod.lock) {
      boolean terminated = state.getTerminated() != null;
      return new ContainerStatusBuilder()
          .withName(name)
          .withImage(spec.getImage())
          .withImageID(starts > 0 ? "fake-cluster://" + spec.getImage() : "")
          .withContainerID(process != null ? "fake-cluster://" + process.pid() : null)
          .withRestartCount(Math.max(0, starts - 1))
          .withReady(ready)
          .withStarted(state.getRunning() != null && started)
          .withState(state)
          .withLastState(terminated ? previousTermination : lastTermination)
          .build();
    }
  }

  boolean ready() {
    synchronized (pod.lock) {
      return ready;
    }
  }

  /** For the pod's phase: running, waiting (never ran), or stopped and with which exit code. */
  ContainerState stateLocked() {
    return state.getWaiting() != null && lastTermination != null ? lastTermination : state;
  }

  private int startCount() {
    synchronized (pod.lock) {
      return starts;
    }
  }

  private String launchTag() {
    synchronized (pod.lock) {
      return launch != null ? launch.tag() : pod.tag + name + "/";
    }
  }

  private void setWaiting(String reason, String message) {
    synchronized (pod.lock) {
      state = waiting(reason, message);
      ready = false;
    }
    pod.publish();
  }

  private void setProbed(boolean startedOk, Boolean readyNow) {
    synchronized (pod.lock) {
      if (state.getRunning() == null) {
        return;
      }
      started = startedOk;
      if (readyNow != null) {
        ready = readyNow;
      }
    }
    pod.publish();
  }

  private void terminated(int exitCode, String reason, String message, Instant from) {
    synchronized (pod.lock) {
      ContainerState terminated =
          new ContainerStateBuilder()
              .withNewTerminated()
              .withExitCode(exitCode)
              .withReason(reason)
              .withMessage(message)
              .withStartedAt(ts(startedAt != null ? startedAt : from))
              .withFinishedAt(ts(Instant.now()))
              .withContainerID(process != null ? "fake-cluster://" + process.pid() : null)
              .endTerminated()
              .build();
      previousTermination = lastTermination;
      lastTermination = terminated;
      state = terminated;
      process = null;
      // A completed init container counts as ready, as in Kubernetes.
      ready = init && exitCode == 0;
      started = false;
    }
    pod.publish();
  }

  private void appendLog(String line) {
    Path log = pod.cluster.log(pod.name, name);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "--- FakeCluster " + Instant.now() + ": " + line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  private static boolean due(Probe probe, Instant begin) {
    int delay = probe.getInitialDelaySeconds() != null ? probe.getInitialDelaySeconds() : 0;
    return !Instant.now().isBefore(begin.plusSeconds(delay));
  }

  private static int threshold(Integer value, int otherwise) {
    return value != null && value > 0 ? value : otherwise;
  }

  /** Waits at most {@code timeout} for the process to exit; true when it has. */
  static boolean exited(Process process, Duration timeout) {
    try {
      process.onExit().get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ts(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private static Duration until(Instant deadline) {
    return Duration.between(Instant.now(), deadline);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}

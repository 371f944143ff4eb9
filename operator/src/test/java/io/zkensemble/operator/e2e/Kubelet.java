package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The kubelet of the one fake node that runs every pod of the namespace (and, standing in for the
 * scheduler, binds them to it). Level-triggered: {@link #sync} looks at every pod and starts, stops
 * or forgets {@link PodRuntime}s to match. A pod is taken on only once every claim it mounts is
 * bound and every configMap and secret it mounts exists (Kubernetes' scheduler and kubelet wait so
 * too); a pod with a deletionTimestamp is stopped; a runtime whose pod object vanished (deleted
 * without the kubelet's finalizer, or the finalizer removed by someone else) is SIGKILLed.
 */
final class Kubelet implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Kubelet.class);

  static final String FINALIZER = "e2e.zkensemble.io/kubelet";
  static final String NODE_NAME = "fake-node";
  static final String HOST_IP = "127.0.0.1";

  private final FakeCluster cluster;
  final StatusWriter statusWriter;
  private final Map<String, PodRuntime> runtimes = new ConcurrentHashMap<>(); // by pod uid

  Kubelet(FakeCluster cluster) {
    this.cluster = cluster;
    this.statusWriter = new StatusWriter(cluster.client, cluster.namespace);
  }

  /** On the cluster's loop thread. */
  void sync(List<Pod> pods) {
    Set<String> present = new HashSet<>();
    for (Pod pod : pods) {
      String uid = pod.getMetadata().getUid();
      String name = pod.getMetadata().getName();
      present.add(uid);
      PodRuntime runtime = runtimes.get(uid);
      boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
      if (runtime != null) {
        runtime.observe(pod);
        runtime.refreshProjectedVolumes();
        if (deleting) {
          runtime.terminate(gracePeriod(pod));
        }
      } else if (deleting) {
        if (pod.getMetadata().getFinalizers().contains(FINALIZER)) {
          removeFinalizer(name, uid); // a pod this kubelet no longer runs
        }
      } else if (runtimes.values().stream().noneMatch(r -> r.name.equals(name))) {
        // (a runtime of the same name is an older pod's, still finishing: wait for it)
        String missing = missingVolumeSource(pod);
        if (missing != null) {
          statusWriter.request(name, uid, stored -> unschedulable(stored, missing));
        } else {
          runtime = new PodRuntime(cluster, this, pod, cluster.ipOf(name));
          runtimes.put(uid, runtime);
          runtime.start();
        }
      }
    }
    for (PodRuntime runtime : runtimes.values()) {
      if (!present.contains(runtime.uid)) {
        LOG.infof("pod %s (uid %s) is gone from the API: SIGKILL", runtime.name, runtime.uid);
        runtime.abort();
      }
    }
  }

  void crash(String name) {
    runtimes.values().stream().filter(r -> r.name.equals(name)).forEach(PodRuntime::crash);
  }

  /** A runtime has ended: the pod object is gone or about to go. */
  void forget(PodRuntime runtime) {
    runtimes.remove(runtime.uid, runtime);
    cluster.trigger();
  }

  /** Adds the finalizer and the node's name; null when the pod is gone or being deleted. */
  Pod schedule(String name, String uid) {
    Pod scheduled =
        cluster.edit(
            cluster.client.pods().inNamespace(cluster.namespace).withName(name),
            p -> {
              if (uid.equals(p.getMetadata().getUid())
                  && p.getMetadata().getDeletionTimestamp() == null) {
                if (!p.getMetadata().getFinalizers().contains(FINALIZER)) {
                  p.getMetadata().getFinalizers().add(FINALIZER);
                }
                if (p.getSpec().getNodeName() == null) {
                  p.getSpec().setNodeName(NODE_NAME);
                }
              }
              return p;
            });
    boolean ours =
        scheduled != null
            && uid.equals(scheduled.getMetadata().getUid())
            && scheduled.getMetadata().getDeletionTimestamp() == null
            && scheduled.getMetadata().getFinalizers().contains(FINALIZER);
    return ours ? scheduled : null;
  }

  /** Removes the kubelet's finalizer from the pod name/uid, if it is still there. */
  void removeFinalizer(String name, String uid) {
    try {
      cluster.edit(
          cluster.client.pods().inNamespace(cluster.namespace).withName(name),
          p -> {
            if (uid.equals(p.getMetadata().getUid())) {
              p.getMetadata().getFinalizers().remove(FINALIZER);
            }
            return p;
          });
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot remove the finalizer of pod %s, again in 1 s: %s", name, e.getMessage());
      cluster.requeue();
    }
  }

  /** Kubernetes takes the deletion's grace period, else the pod's, else 30 s. */
  private static long gracePeriod(Pod pod) {
    Long deletion = pod.getMetadata().getDeletionGracePeriodSeconds();
    Long spec = pod.getSpec().getTerminationGracePeriodSeconds();
    return deletion != null ? deletion : spec != null ? spec : 30;
  }

  /** What the pod waits for: an unbound claim, a configMap or a secret; null when nothing. */
  private String missingVolumeSource(Pod pod) {
    for (Volume volume : pod.getSpec().getVolumes()) {
      if (volume.getPersistentVolumeClaim() != null) {
        String claimName = volume.getPersistentVolumeClaim().getClaimName();
        PersistentVolumeClaim claim = cluster.claim(claimName);
        if (claim == null) {
          return "persistentvolumeclaim \"" + claimName + "\" not found";
        }
        if (claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
          return "persistentvolumeclaim \"" + claimName + "\" is not bound";
        }
      } else if (volume.getConfigMap() != null
          && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())
          && cluster.configMap(volume.getConfigMap().getName()) == null) {
        return "configmap \"" + volume.getConfigMap().getName() + "\" not found";
      } else if (volume.getSecret() != null
          && !Boolean.TRUE.equals(volume.getSecret().getOptional())
          && cluster.secret(volume.getSecret().getSecretName()) == null) {
        return "secret \"" + volume.getSecret().getSecretName() + "\" not found";
      }
    }
    return null;
  }

  /** A pod that cannot be placed yet: Pending, PodScheduled False, as the scheduler says. */
  private static PodStatus unschedulable(Pod stored, String why) {
    List<PodCondition> old =
        stored.getStatus() != null ? stored.getStatus().getConditions() : List.of();
    return new PodStatusBuilder()
        .withPhase("Pending")
        .withConditions(PodRuntime.condition(old, "PodScheduled", false, "Unschedulable", why))
        .build();
  }

  /** SIGKILLs every pod's processes and waits for the runtimes to end; no API calls. */
  @Override
  public void close() throws InterruptedException {
    statusWriter.close();
    List<PodRuntime> all = new ArrayList<>(runtimes.values());
    all.forEach(PodRuntime::abort);
    for (PodRuntime runtime : all) {
      if (!runtime.awaitFinished(Duration.ofSeconds(30))) {
        LOG.errorf("pod %s did not stop within 30 s of SIGKILL", runtime.name);
      }
    }
  }
}

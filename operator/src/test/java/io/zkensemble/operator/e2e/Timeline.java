package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to an ensemble, in order, as the API server told it: {@code delete zk-1} when a pod
 * is deleted (it turns Terminating), {@code ready zk-1} when a pod becomes ready, {@code phase
 * Upgrading} when the ensemble's phase changes.
 */
final class Timeline implements AutoCloseable {
  private final List<String> events = new ArrayList<>();
  private final Map<String, Boolean> ready = new HashMap<>();
  private final Map<String, Boolean> deleting = new HashMap<>();
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<ZkEnsemble> ensembles;
  private ZkEnsembleStatus.Phase phase;

  Timeline(E2eEnvironment env) {
    pods = env.client.pods().inNamespace(E2eEnvironment.NAMESPACE).inform(handler(this::pod), 0);
    ensembles =
        env.client
            .resources(ZkEnsemble.class)
            .inNamespace(E2eEnvironment.NAMESPACE)
            .inform(handler(this::ensemble), 0);
  }

  private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> seen) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        seen.accept(object);
      }

      @Override
      public void onUpdate(T old, T object) {
        seen.accept(object);
      }

      @Override
      public void onDelete(T object, boolean unknown) {}
    };
  }

  private synchronized void pod(Pod pod) {
    String name = pod.getMetadata().getName();
    boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
    if (terminating && !deleting.getOrDefault(name, false)) {
      events.add("delete " + name);
    }
    deleting.put(name, terminating);
    boolean isReady =
        pod.getStatus() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (isReady && !terminating && !ready.getOrDefault(name, false)) {
      events.add("ready " + name);
    }
    ready.put(name, isReady && !terminating);
  }

  private synchronized void ensemble(ZkEnsemble ensemble) {
    ZkEnsembleStatus status = ensemble.getStatus();
    if (status != null && !Objects.equals(status.phase, phase)) {
      phase = status.phase;
      events.add("phase " + phase);
    }
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** The pods deleted, in order. */
  synchronized List<String> deleted() {
    return events.stream().filter(e -> e.startsWith("delete ")).map(e -> e.substring(7)).toList();
  }

  @Override
  public void close() {
    pods.close();
    ensembles.close();
  }
}

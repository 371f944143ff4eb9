package io.zkensemble.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one writer of pods' status: a single thread, and per pod at most one write queued, which
 * computes the status when it runs (so a burst of changes gives one write of the latest state).
 * Each write reads the pod fresh, skips it when the status is already so, and retries on a 409
 * conflict; it never touches a newer pod of the same name (another uid).
 */
final class StatusWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StatusWriter.class);
  private static final int ATTEMPTS = 10;
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final KubernetesClient client;
  private final String namespace;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("fake-kubelet-status").daemon().factory());
  private final ConcurrentMap<String, Function<Pod, PodStatus>> pending = new ConcurrentHashMap<>();

  StatusWriter(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Asks for the status {@code desired(stored pod)} to be written to the pod {@code name/uid}. */
  void request(String name, String uid, Function<Pod, PodStatus> desired) {
    if (pending.put(uid, desired) == null) {
      try {
        executor.execute(() -> write(name, uid));
      } catch (RejectedExecutionException e) {
        pending.remove(uid); // closing
      }
    }
  }

  /** Writes the status now and waits for it (at most 10 s): a pod's last status before it goes. */
  void flush(String name, String uid, Function<Pod, PodStatus> desired) {
    pending.put(uid, desired);
    try {
      executor.submit(() -> write(name, uid)).get(10, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      pending.remove(uid); // closing
    } catch (ExecutionException | TimeoutException e) {
      LOG.errorf(e, "cannot write the last status of pod %s", name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(String name, String uid) {
    Function<Pod, PodStatus> desired = pending.remove(uid);
    for (int attempt = 1; desired != null; attempt++) {
      Pod stored;
      try {
        stored = client.pods().inNamespace(namespace).withName(name).get();
      } catch (KubernetesClientException e) {
        if (executor.isShutdown()) {
          return; // closing: the request was interrupted
        }
        throw e;
      }
      if (stored == null || !uid.equals(stored.getMetadata().getUid())) {
        return;
      }
      PodStatus status = desired.apply(stored);
      if (same(status, stored.getStatus())) {
        return;
      }
      stored.setStatus(status);
      try {
        client.pods().inNamespace(namespace).resource(stored).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return;
        }
        if (executor.isShutdown()) {
          return; // closing: the request was interrupted
        }
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          LOG.errorf(e, "cannot write the status of pod %s", name);
          return;
        }
      }
    }
  }

  /** Equal as JSON: fabric8 leaves empty lists out, so null and empty compare equal. */
  static boolean same(Object a, Object b) {
    return JSON.convertValue(a, JsonNode.class).equals(JSON.convertValue(b, JsonNode.class));
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.error("the status writer did not stop within 10 s");
    }
  }
}

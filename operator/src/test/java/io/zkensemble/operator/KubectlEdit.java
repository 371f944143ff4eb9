package io.zkensemble.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A change as {@code kubectl edit} makes it: on a conflict with another writer (optimistic locking,
 * HTTP 409; the operator writes the status), read the object again and apply the change to that.
 */
public final class KubectlEdit {
  private KubectlEdit() {}

  public static <T extends HasMetadata> void edit(
      KubernetesClient client, Supplier<T> current, Consumer<T> change, Duration timeout) {
    await()
        .atMost(timeout)
        .until(
            () -> {
              try {
                client
                    .resource(current.get())
                    .edit(
                        object -> {
                          change.accept(object);
                          return object;
                        });
                return true;
              } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                  throw e;
                }
                return false;
              }
            });
  }
}

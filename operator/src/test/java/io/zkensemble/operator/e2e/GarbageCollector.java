package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Kubernetes' garbage collector, for the objects the harness watches: a pod or a claim whose owners
 * are all StatefulSets or pods, none of which exists any more, is deleted (in the background, as
 * with the default propagation). That deletes a deleted StatefulSet's pods, the claims that a
 * whenDeleted=Delete policy gave to the set, and the claims that whenScaled=Delete gave to a
 * condemned pod once that pod is gone. Owners of other kinds (the operator's custom resource) are
 * not watched, and an object with one is never collected here: the mock has no garbage collector.
 */
final class GarbageCollector {
  private static final Logger LOG = Logger.getLogger(GarbageCollector.class);
  private static final Set<String> WATCHED_KINDS = Set.of("StatefulSet", "Pod");

  private final FakeCluster cluster;

  GarbageCollector(FakeCluster cluster) {
    this.cluster = cluster;
  }

  void sync(List<StatefulSet> sets, List<Pod> pods, List<PersistentVolumeClaim> claims) {
    Set<String> alive = new HashSet<>();
    sets.forEach(s -> alive.add(s.getMetadata().getUid()));
    pods.forEach(p -> alive.add(p.getMetadata().getUid()));
    for (HasMetadata object : Stream.concat(pods.stream(), claims.stream()).toList()) {
      if (object.getMetadata().getDeletionTimestamp() == null && orphaned(object, alive)) {
        LOG.infof(
            "%s %s: its owners are gone, deleting it",
            object.getKind(), object.getMetadata().getName());
        try {
          cluster.client.resource(object).delete();
        } catch (KubernetesClientException e) {
          LOG.warnf("cannot delete %s: %s", object.getMetadata().getName(), e.getMessage());
          cluster.requeue();
        }
      }
    }
  }

  private static boolean orphaned(HasMetadata object, Set<String> alive) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return !owners.isEmpty()
        && owners.stream()
            .allMatch(o -> WATCHED_KINDS.contains(o.getKind()) && !alive.contains(o.getUid()));
  }
}

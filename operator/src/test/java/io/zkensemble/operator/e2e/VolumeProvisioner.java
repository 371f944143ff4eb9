package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Storage as a cluster with a dynamic provisioner and reclaimPolicy Delete has it: a new claim is
 * bound at once to a directory {@code workDir/volumes/<claim>}, which is deleted when the claim is.
 * And the {@code kubernetes.io/pvc-protection} finalizer, which Kubernetes puts on every claim: a
 * claim deleted while a pod still mounts it stays Terminating until no pod does.
 */
final class VolumeProvisioner {
  private static final Logger LOG = Logger.getLogger(VolumeProvisioner.class);
  static final String PROTECTION = "kubernetes.io/pvc-protection";

  private final FakeCluster cluster;

  VolumeProvisioner(FakeCluster cluster) {
    this.cluster = cluster;
  }

  void sync(List<PersistentVolumeClaim> claims, List<Pod> pods) {
    Set<String> used = new HashSet<>();
    for (Pod pod : pods) {
      pod.getSpec().getVolumes().stream()
          .filter(v -> v.getPersistentVolumeClaim() != null)
          .forEach(v -> used.add(v.getPersistentVolumeClaim().getClaimName()));
    }
    Set<String> names = new HashSet<>();
    for (PersistentVolumeClaim claim : claims) {
      String name = claim.getMetadata().getName();
      names.add(name);
      boolean protectedClaim = claim.getMetadata().getFinalizers().contains(PROTECTION);
      try {
        if (claim.getMetadata().getDeletionTimestamp() != null) {
          if (protectedClaim && !used.contains(name)) {
            editFinalizers(name, false);
          }
          continue;
        }
        if (!protectedClaim) {
          editFinalizers(name, true);
        }
        if (claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
          Files.createDirectories(cluster.volume(name));
          bind(claim);
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) { // a claim gone meanwhile needs nothing more
          LOG.warnf("claim %s: %s; again in 1 s", name, e.getMessage());
          cluster.requeue();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // The claim is gone: so goes its volume.
    Path volumes = cluster.volumes;
    if (Files.isDirectory(volumes)) {
      try (Stream<Path> dirs = Files.list(volumes)) {
        dirs.filter(d -> !names.contains(d.getFileName().toString()))
            .forEach(PodRuntime::deleteRecursively);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void editFinalizers(String name, boolean add) {
    cluster.edit(
        cluster.client.persistentVolumeClaims().inNamespace(cluster.namespace).withName(name),
        c -> {
          c.getMetadata().getFinalizers().remove(PROTECTION);
          if (add) {
            c.getMetadata().getFinalizers().add(PROTECTION);
          }
          return c;
        });
  }

  private void bind(PersistentVolumeClaim claim) {
    cluster.updateStatus(
        claim,
        c -> {
          c.setStatus(
              new PersistentVolumeClaimStatusBuilder()
                  .withPhase("Bound")
                  .withAccessModes(c.getSpec().getAccessModes())
                  .withCapacity(
                      c.getSpec().getResources() != null
                          ? c.getSpec().getResources().getRequests()
                          : null)
                  .build());
          return c;
        });
  }
}

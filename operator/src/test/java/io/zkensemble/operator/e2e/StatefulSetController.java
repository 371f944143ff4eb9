package io.zkensemble.operator.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Kubernetes' StatefulSet controller, for podManagementPolicy Parallel and updateStrategy OnDelete
 * (a set that asks for anything else is refused with an ERROR in the log, and left alone).
 * Level-triggered, from the informers' caches: for each ordinal below replicas, the claims of the
 * volumeClaimTemplates and then the pod, when no pod of that name exists (a Terminating one still
 * does, so a deleted pod comes back only once it is gone, from the template as it is then); pods at
 * or above replicas are deleted; claims get the owners that their retention policy asks for (the
 * {@link GarbageCollector} does the deleting); and the status is kept as Kubernetes keeps it.
 */
final class StatefulSetController {
  private static final Logger LOG = Logger.getLogger(StatefulSetController.class);

  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
  static final String REVISION_LABEL = "controller-revision-hash";

  /** Kubernetes' rand.SafeEncodeString alphabet (no vowels, no look-alikes). */
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final FakeCluster cluster;
  private final Set<String> refused = new HashSet<>();

  /**
   * Each set's currentRevision, also kept here: the mock has no status subresource for
   * StatefulSets, so an update of the set by someone else replaces the status this wrote.
   */
  private final Map<String, String> currentRevisions = new HashMap<>();

  StatefulSetController(FakeCluster cluster) {
    this.cluster = cluster;
  }

  /** On the cluster's loop thread. */
  void sync(List<StatefulSet> sets, List<Pod> pods, List<PersistentVolumeClaim> claims) {
    Map<String, Pod> podsByName = byName(pods);
    Map<String, PersistentVolumeClaim> claimsByName = byName(claims);
    for (StatefulSet set : sets) {
      try {
        sync(set, pods, podsByName, claimsByName);
      } catch (KubernetesClientException e) {
        LOG.warnf("StatefulSet %s: %s; again in 1 s", set.getMetadata().getName(), e.getMessage());
        cluster.requeue();
      }
    }
    currentRevisions.keySet().retainAll(sets.stream().map(s -> s.getMetadata().getUid()).toList());
  }

  private void sync(
      StatefulSet set,
      List<Pod> pods,
      Map<String, Pod> podsByName,
      Map<String, PersistentVolumeClaim> claimsByName) {
    if (set.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String unsupported = unsupported(set);
    if (unsupported != null) {
      if (refused.add(set.getMetadata().getUid() + "/" + set.getMetadata().getGeneration())) {
        LOG.errorf(
            "StatefulSet %s: %s; FakeCluster ignores it", set.getMetadata().getName(), unsupported);
      }
      return;
    }
    String revision = revision(set);
    int replicas = Objects.requireNonNullElse(set.getSpec().getReplicas(), 1);
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      String podName = set.getMetadata().getName() + "-" + ordinal;
      Pod existing = podsByName.get(podName);
      boolean claimsUsable = true;
      for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
        claimsUsable &= ensureClaim(set, template, podName, existing, false, claimsByName);
      }
      if (existing == null && claimsUsable) {
        create(pod(set, ordinal, revision));
      }
    }
    List<Pod> owned = pods.stream().filter(p -> controlledBy(p, set)).toList();
    for (Pod pod : owned) {
      int ordinal = ordinal(set, pod);
      if (ordinal >= 0 && ordinal < replicas) {
        continue;
      }
      for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
        ensureClaim(set, template, pod.getMetadata().getName(), pod, true, claimsByName);
      }
      if (pod.getMetadata().getDeletionTimestamp() == null) {
        LOG.infof(
            "StatefulSet %s: scaled to %d, deleting pod %s",
            set.getMetadata().getName(), replicas, pod.getMetadata().getName());
        cluster
            .client
            .pods()
            .inNamespace(cluster.namespace)
            .withName(pod.getMetadata().getName())
            .delete();
      }
    }
    writeStatus(set, owned, revision);
  }

  private static String unsupported(StatefulSet set) {
    String policy = set.getSpec().getPodManagementPolicy();
    if (!"Parallel".equals(policy)) {
      return "podManagementPolicy "
          + Objects.requireNonNullElse(policy, "OrderedReady (unset)")
          + " is not supported, only Parallel";
    }
    String strategy =
        set.getSpec().getUpdateStrategy() != null
            ? set.getSpec().getUpdateStrategy().getType()
            : null;
    if (!"OnDelete".equals(strategy)) {
      return "updateStrategy "
          + Objects.requireNonNullElse(strategy, "RollingUpdate (unset)")
          + " is not supported, only OnDelete";
    }
    if (set.getSpec().getSelector() == null
        || set.getSpec().getSelector().getMatchLabels().isEmpty()
        || !set.getSpec().getSelector().getMatchExpressions().isEmpty()) {
      return "a selector other than matchLabels is not supported";
    }
    return null;
  }

  /**
   * Makes the claim of a template for a pod if it is missing (unless the pod is condemned), and
   * gives it the owners its retention policy asks for. True when a pod may use it: it is not being
   * deleted (a new claim comes once the old one is gone).
   */
  private boolean ensureClaim(
      StatefulSet set,
      PersistentVolumeClaim template,
      String podName,
      Pod pod,
      boolean condemned,
      Map<String, PersistentVolumeClaim> claims) {
    String name = template.getMetadata().getName() + "-" + podName;
    List<OwnerReference> owners = claimOwners(set, pod, condemned);
    PersistentVolumeClaim claim = claims.get(name);
    if (claim == null) {
      if (!condemned) {
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.putAll(set.getSpec().getSelector().getMatchLabels());
        create(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(cluster.namespace)
                .withLabels(labels)
                .withAnnotations(template.getMetadata().getAnnotations())
                .withOwnerReferences(owners)
                .endMetadata()
                .withSpec(Serialization.clone(template.getSpec()))
                .build());
      }
      return true;
    }
    if (claim.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    List<OwnerReference> others =
        claim.getMetadata().getOwnerReferences().stream()
            .filter(o -> !"StatefulSet".equals(o.getKind()) && !"Pod".equals(o.getKind()))
            .toList();
    List<OwnerReference> wanted = new ArrayList<>(others);
    wanted.addAll(owners);
    if (!uids(wanted).equals(uids(claim.getMetadata().getOwnerReferences()))) {
      cluster.edit(
          cluster.client.persistentVolumeClaims().inNamespace(cluster.namespace).withName(name),
          c -> {
            c.getMetadata().setOwnerReferences(wanted);
            return c;
          });
    }
    return true;
  }

  /**
   * As Kubernetes (KEP-1847): whenScaled=Delete makes a condemned pod the owner of its claims,
   * whenDeleted=Delete makes the set the owner of the others; Retain leaves them without.
   */
  private static List<OwnerReference> claimOwners(StatefulSet set, Pod pod, boolean condemned) {
    StatefulSetPersistentVolumeClaimRetentionPolicy policy =
        set.getSpec().getPersistentVolumeClaimRetentionPolicy();
    boolean deleteWhenScaled = policy != null && "Delete".equals(policy.getWhenScaled());
    boolean deleteWhenDeleted = policy != null && "Delete".equals(policy.getWhenDeleted());
    if (condemned && deleteWhenScaled && pod != null) {
      return List.of(owner(pod, "v1", "Pod", false));
    }
    if (deleteWhenDeleted) {
      return List.of(owner(set, "apps/v1", "StatefulSet", false));
    }
    return List.of();
  }

  /** The pod of an ordinal, from the set's template as it is now. */
  private Pod pod(StatefulSet set, int ordinal, String revision) {
    PodTemplateSpec template = set.getSpec().getTemplate();
    String name = set.getMetadata().getName() + "-" + ordinal;
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(REVISION_LABEL, revision);
    PodSpec spec = Serialization.clone(template.getSpec());
    spec.setHostname(name);
    spec.setSubdomain(set.getSpec().getServiceName());
    for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
      String volume = claim.getMetadata().getName();
      spec.getVolumes().removeIf(v -> v.getName().equals(volume));
      spec.getVolumes()
          .add(
              new VolumeBuilder()
                  .withName(volume)
                  .withNewPersistentVolumeClaim()
                  .withClaimName(volume + "-" + name)
                  .endPersistentVolumeClaim()
                  .build());
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(cluster.namespace)
        .withLabels(labels)
        .withAnnotations(template.getMetadata().getAnnotations())
        .withOwnerReferences(owner(set, "apps/v1", "StatefulSet", true))
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  /**
   * The status as Kubernetes computes it: replicas counts the pods that have a phase, readyReplicas
   * the Running and Ready ones (availableReplicas the same: minReadySeconds is not honoured),
   * currentReplicas and updatedReplicas the non-terminating ones at currentRevision and at
   * updateRevision (the template's). currentRevision becomes updateRevision once every pod is
   * updated and ready, which Kubernetes does for OnDelete since v1.36 (kubernetes#136833; before,
   * only for RollingUpdate).
   */
  private void writeStatus(StatefulSet set, List<Pod> owned, String updateRevision) {
    String uid = set.getMetadata().getUid();
    String current = currentRevisions.get(uid);
    if (current == null && set.getStatus() != null) {
      current = set.getStatus().getCurrentRevision();
    }
    if (current == null || current.isEmpty()) {
      current = updateRevision;
    }
    int replicas = 0;
    int ready = 0;
    int currentReplicas = 0;
    int updated = 0;
    for (Pod pod : owned) {
      if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
        continue;
      }
      replicas++;
      if ("Running".equals(pod.getStatus().getPhase()) && HostsFile.ready(pod)) {
        ready++;
      }
      if (pod.getMetadata().getDeletionTimestamp() == null) {
        String revision = pod.getMetadata().getLabels().get(REVISION_LABEL);
        currentReplicas += current.equals(revision) ? 1 : 0;
        updated += updateRevision.equals(revision) ? 1 : 0;
      }
    }
    if (updated == replicas && ready == replicas) {
      current = updateRevision;
      currentReplicas = updated;
    }
    currentRevisions.put(uid, current);
    StatefulSetStatus status =
        new StatefulSetStatusBuilder()
            .withObservedGeneration(set.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withCurrentReplicas(currentReplicas)
            .withUpdatedReplicas(updated)
            .withCurrentRevision(current)
            .withUpdateRevision(updateRevision)
            .withCollisionCount(0)
            .build();
    if (!StatusWriter.same(status, set.getStatus())) {
      cluster.updateStatus(
          set,
          s -> {
            s.setStatus(status);
            return s;
          });
    }
  }

  /**
   * The revision of the set's template: {@code <set>-<hash>}, as the ControllerRevision that
   * Kubernetes would make (FNV-1a of the template's canonical JSON, encoded as Kubernetes does).
   */
  static String revision(StatefulSet set) {
    byte[] json;
    try {
      json =
          CANONICAL
              .writeValueAsString(set.getSpec().getTemplate())
              .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int hash = 0x811c9dc5;
    for (byte b : json) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    StringBuilder encoded = new StringBuilder();
    for (char c : Integer.toUnsignedString(hash).toCharArray()) {
      encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
    }
    return set.getMetadata().getName() + "-" + encoded;
  }

  private static int ordinal(StatefulSet set, Pod pod) {
    String prefix = set.getMetadata().getName() + "-";
    String name = pod.getMetadata().getName();
    if (!name.startsWith(prefix) || !name.substring(prefix.length()).matches("0|[1-9][0-9]*")) {
      return -1;
    }
    return Integer.parseInt(name.substring(prefix.length()));
  }

  private static boolean controlledBy(Pod pod, StatefulSet set) {
    return pod.getMetadata().getOwnerReferences().stream()
        .anyMatch(
            o ->
                Boolean.TRUE.equals(o.getController())
                    && set.getMetadata().getUid().equals(o.getUid()));
  }

  private static OwnerReference owner(
      HasMetadata owner, String apiVersion, String kind, boolean controller) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(controller ? true : null)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private void create(HasMetadata object) {
    try {
      cluster.client.resource(object).create();
      LOG.infof("created %s %s", object.getKind(), object.getMetadata().getName());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // the cache lags behind: it exists already
    }
  }

  private static Set<String> uids(List<OwnerReference> owners) {
    return owners.stream().map(OwnerReference::getUid).collect(Collectors.toSet());
  }

  private static <T extends HasMetadata> Map<String, T> byName(List<T> objects) {
    return objects.stream()
        .collect(
            Collectors.toMap(o -> o.getMetadata().getName(), Function.identity(), (a, b) -> a));
  }
}

package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** What a pod's status says, in the terms the ensemble's status needs. */
final class PodFacts {
  /** The label a StatefulSet puts on each pod: the revision of the template it was made from. */
  static final String REVISION = "controller-revision-hash";

  /** Waiting reasons that do not go away by waiting: a person has to act. */
  private static final Set<String> FAILURES =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  private PodFacts() {}

  static boolean ready(Pod pod) {
    return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** The StatefulSet ordinal: the number after the pod name's last '-'. */
  static int ordinal(Pod pod) {
    String name = pod.getMetadata().getName();
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }

  /** Why a pod that is not ready is not, when its status says, e.g. "CrashLoopBackOff". */
  static Optional<String> problem(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    Optional<String> unschedulable =
        condition(pod, "PodScheduled")
            .filter(c -> "False".equals(c.getStatus()) && c.getReason() != null)
            .map(PodCondition::getReason);
    if (unschedulable.isPresent()) {
      return unschedulable;
    }
    return Stream.concat(
            pod.getStatus().getInitContainerStatuses().stream(),
            pod.getStatus().getContainerStatuses().stream())
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason())
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The problem is one that waiting will not fix. */
  static boolean failing(Pod pod) {
    return problem(pod).filter(p -> FAILURES.contains(p) || "Unschedulable".equals(p)).isPresent();
  }

  static Optional<String> revision(Pod pod) {
    return Optional.ofNullable(pod.getMetadata().getLabels()).map(labels -> labels.get(REVISION));
  }

  private static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }
}

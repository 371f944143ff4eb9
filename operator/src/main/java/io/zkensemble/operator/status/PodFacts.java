package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** What a pod's status says, in the terms the ensemble's status needs. */
public final class PodFacts {
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

  public static boolean ready(Pod pod) {
    return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** The StatefulSet ordinal: the number after the pod name's last '-'. */
  public static int ordinal(Pod pod) {
    String name = pod.getMetadata().getName();
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }

  /** Why a pod that is not ready is not, when its status says, e.g. "CrashLoopBackOff". */
  public static Optional<String> problem(Pod pod) {
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
  public static boolean failing(Pod pod) {
    return problem(pod).filter(p -> FAILURES.contains(p) || "Unschedulable".equals(p)).isPresent();
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

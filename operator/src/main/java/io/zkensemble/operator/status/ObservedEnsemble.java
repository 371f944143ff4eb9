package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkensemble.operator.api.MemberKind;
import java.util.List;
import java.util.Map;

/**
 * The ensemble's objects as the API server has them.
 *
 * @param pods the pods of each kind of member
 * @param statefulSets the StatefulSet of each kind, absent until created
 */
public record ObservedEnsemble(
    Map<MemberKind, List<Pod>> pods, Map<MemberKind, StatefulSet> statefulSets) {
  public List<Pod> pods(MemberKind kind) {
    return pods.getOrDefault(kind, List.of());
  }

  public List<Pod> allPods() {
    return pods.values().stream().flatMap(List::stream).toList();
  }
}

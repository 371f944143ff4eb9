package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.resources.Labels;
import io.zkensemble.operator.resources.MemberPodTemplate;
import io.zkensemble.operator.resources.Names;

/**
 * Pods in the states a kubelet would report, for status tests. A pod's template hash says which
 * template it was made from: {@link #current} for the ensemble's present one.
 */
public final class FakePods {
  private FakePods() {}

  /** The template hash of the ensemble's present pod template. */
  public static String current(ZkEnsemble zk, MemberKind kind) {
    return MemberPodTemplate.hash(zk, kind);
  }

  public static Pod ready(ZkEnsemble zk, MemberKind kind, int ordinal, String revision) {
    return pod(zk, kind, ordinal, revision, true, null);
  }

  public static Pod waiting(
      ZkEnsemble zk, MemberKind kind, int ordinal, String revision, String reason) {
    return pod(zk, kind, ordinal, revision, false, reason);
  }

  private static Pod pod(
      ZkEnsemble zk, MemberKind kind, int ordinal, String revision, boolean ready, String reason) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(Names.pod(zk, kind, ordinal))
            .withNamespace(zk.getMetadata().getNamespace())
            .withLabels(Labels.pod(zk, kind))
            .addToAnnotations(MemberPodTemplate.TEMPLATE_HASH, revision)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(MemberPodTemplate.NODE_CONTAINER)
            .withImage(zk.getSpec().image)
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .withPodIP("10.0.0." + ordinal)
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "False")
            .endCondition()
            .endStatus();
    if (reason != null) {
      pod.editStatus()
          .addNewContainerStatus()
          .withName("node")
          .withNewState()
          .withNewWaiting()
          .withReason(reason)
          .endWaiting()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    return pod.build();
  }
}

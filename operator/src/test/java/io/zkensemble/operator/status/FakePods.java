package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.resources.Labels;
import io.zkensemble.operator.resources.Names;

/** Pods in the states a kubelet would report, for status tests. */
public final class FakePods {
  private FakePods() {}

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
            .addToLabels("controller-revision-hash", revision)
            .endMetadata()
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

package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;

/** Keeps node drains from taking more participants at once than the spec allows (default 1). */
public class PodDisruptionBudgetDependent
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, ZkEnsemble> {
  public PodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(Names.podDisruptionBudget(ensemble))
        .withNamespace(ensemble.getMetadata().getNamespace())
        .withLabels(Labels.common(ensemble))
        .endMetadata()
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(ensemble.getSpec().podDisruptionBudget.maxUnavailable))
        .withNewSelector()
        .withMatchLabels(Labels.selector(ensemble, MemberKind.PARTICIPANT))
        .endSelector()
        .endSpec()
        .build();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ResourceID(
        Names.podDisruptionBudget(ensemble), ensemble.getMetadata().getNamespace());
  }
}

package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.zkensemble.operator.api.ZkEnsemble;

/**
 * The ServiceMonitor CRD exists. Until it does, no ServiceMonitor informer runs (it would fail
 * without the CRD); it is looked for again at each reconciliation, and once found, no more.
 */
public class PrometheusOperatorInstalled implements Condition<ServiceMonitor, ZkEnsemble> {
  private volatile boolean installed;

  @Override
  public boolean isMet(
      DependentResource<ServiceMonitor, ZkEnsemble> dependentResource,
      ZkEnsemble ensemble,
      Context<ZkEnsemble> context) {
    if (!installed) {
      installed =
          context
                  .getClient()
                  .resources(CustomResourceDefinition.class)
                  .withName(ServiceMonitorDependent.CRD)
                  .get()
              != null;
    }
    return installed;
  }
}

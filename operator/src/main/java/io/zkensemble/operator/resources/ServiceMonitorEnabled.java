package io.zkensemble.operator.resources;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.zkensemble.operator.api.ZkEnsemble;

/** The user asked for a ServiceMonitor; when not (any more), an existing one is deleted. */
public class ServiceMonitorEnabled implements Condition<ServiceMonitor, ZkEnsemble> {
  @Override
  public boolean isMet(
      DependentResource<ServiceMonitor, ZkEnsemble> dependentResource,
      ZkEnsemble ensemble,
      Context<ZkEnsemble> context) {
    return ensemble.getSpec().serviceMonitor.enabled;
  }
}

package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zkensemble.operator.api.ZkEnsemble;
import java.util.List;

/** A Prometheus Operator ServiceMonitor scraping every member's metrics port. */
public class ServiceMonitorDependent
    extends CRUDKubernetesDependentResource<ServiceMonitor, ZkEnsemble> {
  /** The CRD whose presence activates this dependent. */
  public static final String CRD = "servicemonitors.monitoring.coreos.com";

  /** Where the node serves Prometheus metrics on the metrics port, as Apache does. */
  static final String METRICS_PATH = "/metrics";

  public ServiceMonitorDependent() {
    super(ServiceMonitor.class);
  }

  @Override
  protected ServiceMonitor desired(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    ServiceMonitor monitor = new ServiceMonitor();
    monitor.setMetadata(
        new ObjectMetaBuilder()
            .withName(Names.serviceMonitor(ensemble))
            .withNamespace(ensemble.getMetadata().getNamespace())
            .withLabels(Labels.common(ensemble))
            .build());
    ServiceMonitor.Spec spec = new ServiceMonitor.Spec();
    // Through the headless Service: it lists every member, ready or not.
    spec.selector =
        new LabelSelectorBuilder()
            .addToMatchLabels(Labels.INSTANCE, ensemble.getMetadata().getName())
            .addToMatchLabels(Labels.SERVICE, "headless")
            .build();
    spec.endpoints =
        List.of(
            new ServiceMonitor.Endpoint(
                Ports.METRICS, METRICS_PATH, ensemble.getSpec().serviceMonitor.interval));
    monitor.setSpec(spec);
    return monitor;
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ResourceID(Names.serviceMonitor(ensemble), ensemble.getMetadata().getNamespace());
  }
}

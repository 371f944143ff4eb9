package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zkensemble.operator.api.ZkEnsemble;
import java.util.Map;

/**
 * The headless Service that gives every member a DNS name ({@code pod.name-headless.ns.svc}), the
 * names on the server lines. It publishes members before they are ready: a member only becomes
 * ready once it found its peers, so they must resolve during bootstrap.
 */
public class HeadlessServiceDependent extends CRUDKubernetesDependentResource<Service, ZkEnsemble> {
  public HeadlessServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    Map<String, String> labels = Labels.common(ensemble);
    labels.put(Labels.SERVICE, "headless");
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(Names.headlessService(ensemble))
        .withNamespace(ensemble.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(Labels.selector(ensemble))
        .withPorts(
            Ports.all(ensemble.getSpec().ports).entrySet().stream()
                .map(port -> Ports.service(port.getKey(), port.getValue()))
                .toList())
        .endSpec()
        .build();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ResourceID(Names.headlessService(ensemble), ensemble.getMetadata().getNamespace());
  }
}

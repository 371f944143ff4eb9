package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zkensemble.operator.api.ZkEnsemble;

/**
 * The Service clients connect to ({@code name-client:2181}): ready participants and observers
 * alike, since any member serves reads and forwards writes.
 */
public class ClientServiceDependent extends CRUDKubernetesDependentResource<Service, ZkEnsemble> {
  public ClientServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(Names.clientService(ensemble))
        .withNamespace(ensemble.getMetadata().getNamespace())
        .withLabels(Labels.common(ensemble))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Labels.selector(ensemble))
        .withPorts(Ports.service(Ports.CLIENT, ensemble.getSpec().ports.client))
        .endSpec()
        .build();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ResourceID(Names.clientService(ensemble), ensemble.getMetadata().getNamespace());
  }
}

package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zkensemble.operator.api.ZkEnsemble;

/** The static zoo.cfg and the dynamic membership file, mounted into every member. */
public class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, ZkEnsemble> {
  public static final String STATIC_FILE = "zoo.cfg";
  public static final String DYNAMIC_FILE = "zoo.cfg.dynamic";

  public ConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(Names.configMap(ensemble))
        .withNamespace(ensemble.getMetadata().getNamespace())
        .withLabels(Labels.common(ensemble))
        .endMetadata()
        .addToData(STATIC_FILE, ZooCfg.staticConfig(ensemble))
        .addToData(DYNAMIC_FILE, ZooCfg.dynamic(ensemble))
        .build();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ResourceID(Names.configMap(ensemble), ensemble.getMetadata().getNamespace());
  }
}

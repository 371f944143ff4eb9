package io.zkensemble.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.zkensemble.operator.api.ZkEnsemble;

/** ZkEnsembles for tests: the sample's shape, 3 participants and 2 observers. */
public final class Ensembles {
  public static final String IMAGE = "zkensemble-node:1.0";

  private Ensembles() {}

  public static ZkEnsemble zk(String namespace) {
    ZkEnsemble ensemble = new ZkEnsemble();
    ensemble.setMetadata(
        new ObjectMetaBuilder()
            .withName("zk")
            .withNamespace(namespace)
            .withUid("zk-uid")
            .withGeneration(1L)
            .build());
    ensemble.getSpec().image = IMAGE;
    ensemble.getSpec().replicas = 3;
    ensemble.getSpec().observers = 2;
    return ensemble;
  }
}

package io.zkensemble.operator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.ZkEnsemble;
import org.junit.jupiter.api.Test;

class PodDisruptionBudgetDependentTest {
  @Test
  void coversParticipantsOnlyWithOneUnavailableByDefault() {
    PodDisruptionBudget pdb = new PodDisruptionBudgetDependent().desired(Ensembles.zk("ns"), null);

    assertEquals("zk", pdb.getMetadata().getName());
    assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
    assertEquals("participant", pdb.getSpec().getSelector().getMatchLabels().get(Labels.COMPONENT));
  }

  @Test
  void takesMaxUnavailableFromTheSpec() {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().replicas = 5;
    zk.getSpec().podDisruptionBudget.maxUnavailable = 2;

    assertEquals(
        2,
        new PodDisruptionBudgetDependent()
            .desired(zk, null)
            .getSpec()
            .getMaxUnavailable()
            .getIntVal());
  }
}

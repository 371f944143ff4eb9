package io.zkensemble.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.ZkEnsembleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
  private final ZkEnsembleSpec spec = Ensembles.zk("ns").getSpec();

  @Test
  void theSampleIsValidWithoutWarnings() {
    assertEquals(new SpecValidation(List.of(), List.of()), SpecValidator.validate(spec));
  }

  @Test
  void keysTheOperatorWritesAreRefusedWithWhatToDoInstead() {
    spec.config.extra.put("dataDir", "/tmp/zk");
    spec.config.extra.put("server.4", "other:2888:3888");
    spec.config.extra.put("myid", "7");
    spec.config.extra.put("tickTime", "1000");

    assertEquals(
        List.of(
            "spec.config.extra.dataDir is not allowed: the data directory is the member's"
                + " volume, /data",
            "spec.config.extra.myid is not allowed: the operator derives each member's id from"
                + " its pod",
            "spec.config.extra.server.4 is not allowed: the operator writes the server lines",
            "spec.config.extra.tickTime is not allowed: set spec.config.tickTime"),
        SpecValidator.validate(spec).errors());
  }

  @Test
  void aValueCannotSmuggleInAnotherLine() {
    spec.config.extra.put("4lw.commands.whitelist", "srvr\nserver.9=evil:1:2");

    assertEquals(
        List.of("spec.config.extra.4lw.commands.whitelist must be a single-line value"),
        SpecValidator.validate(spec).errors());
  }

  @Test
  void keysMustBePlainPropertyNames() {
    spec.config.extra.put("a key", "1");

    assertEquals(
        List.of("spec.config.extra key 'a key' must be letters, digits, '.', '_' or '-' only"),
        SpecValidator.validate(spec).errors());
  }

  @Test
  void portsMustDiffer() {
    spec.ports.metrics = 8080;

    assertEquals(
        List.of(
            "spec.ports.admin and spec.ports.metrics are both 8080; every port must be different"),
        SpecValidator.validate(spec).errors());
  }

  @Test
  void podLabelsCannotTakeTheSelectorsLabels() {
    spec.pod.labels.put("app.kubernetes.io/instance", "other");

    assertTrue(
        SpecValidator.validate(spec)
            .errors()
            .getFirst()
            .startsWith("spec.pod.labels.app.kubernetes.io/instance is not allowed"));
  }

  @Test
  void storageMustBePositive() {
    spec.storage.size = new Quantity("0");

    assertEquals(
        List.of("spec.storage.size must be a positive quantity, e.g. 10Gi"),
        SpecValidator.validate(spec).errors());
  }

  @Test
  void evenReplicasAreAcceptedWithAWarning() {
    spec.replicas = 4;

    SpecValidation validation = SpecValidator.validate(spec);

    assertTrue(validation.valid());
    assertEquals(
        List.of(
            "spec.replicas=4 is even: it survives no more failures than 3 participants would;"
                + " prefer an odd number"),
        validation.warnings());
  }

  @Test
  void aDisruptionBudgetLargerThanTheQuorumToleratesIsAWarning() {
    spec.podDisruptionBudget.maxUnavailable = 2;

    assertEquals(
        List.of(
            "spec.podDisruptionBudget.maxUnavailable=2 lets a node drain take down more"
                + " participants than the quorum of 3 survives (1)"),
        SpecValidator.validate(spec).warnings());
  }

  @Test
  void storageCannotChangeOnceTheStatefulSetsExist() {
    StatefulSet existing =
        new StatefulSetBuilder()
            .withNewSpec()
            .addNewVolumeClaimTemplate()
            .withNewSpec()
            .withNewResources()
            .addToRequests("storage", new Quantity("10Gi"))
            .endResources()
            .endSpec()
            .endVolumeClaimTemplate()
            .endSpec()
            .build();
    spec.storage.size = new Quantity("20Gi");
    spec.storage.storageClassName = "fast";

    assertEquals(
        List.of("spec.storage.size cannot change once the ensemble exists: it is 10Gi"),
        SpecValidator.validate(spec, List.of(existing)).errors());

    spec.storage.size = new Quantity("10240Mi");
    assertEquals(
        List.of("spec.storage.storageClassName cannot change once the ensemble exists: it is null"),
        SpecValidator.validate(spec, List.of(existing)).errors(),
        "the same size written otherwise is no change");
  }

  @Test
  void nobodyButTheOperatorMayReconfig() {
    spec.config.extra.put("skipACL", "yes");
    spec.config.extra.put("reconfigEnabled", "false");
    spec.jvmOptions.add("-Dzookeeper.DigestAuthenticationProvider.superDigest=super:x");

    assertEquals(
        List.of(
            "spec.config.extra.reconfigEnabled is not allowed: only the operator changes the"
                + " membership, as the super user",
            "spec.config.extra.skipACL is not allowed: only the operator changes the membership,"
                + " as the super user; skipACL would let every client reconfig",
            "spec.jvmOptions -Dzookeeper.DigestAuthenticationProvider.superDigest=super:x is not"
                + " allowed: only the operator changes the membership, as the super user"),
        SpecValidator.validate(spec).errors());
  }

  @Test
  void theClientQuorumAndElectionPortsCannotChangeOnceTheEnsembleExists() {
    StatefulSet existing =
        new StatefulSetBuilder()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .addNewPort()
            .withName("quorum")
            .withContainerPort(2888)
            .endPort()
            .addNewPort()
            .withName("admin")
            .withContainerPort(8080)
            .endPort()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    spec.ports.quorum = 2999;
    spec.ports.admin = 8081;

    assertEquals(
        List.of(
            "spec.ports.quorum cannot change once the ensemble exists (it is in every member's"
                + " address in the configuration): it is 2888"),
        SpecValidator.validate(spec, List.of(existing)).errors(),
        "the admin port may change: it is in no configuration");
  }
}

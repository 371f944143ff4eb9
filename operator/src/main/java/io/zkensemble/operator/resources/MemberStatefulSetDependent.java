package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.StorageSpec;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;

/**
 * The StatefulSet of one kind of member. Its pods start in parallel, since no member becomes ready
 * before a quorum of them runs; it never restarts a pod by itself (OnDelete): the order of restarts
 * is the operator's to decide, leader last; and its replicas change one at a time, as the
 * membership planner adds and removes members.
 */
public abstract class MemberStatefulSetDependent
    extends CRUDKubernetesDependentResource<StatefulSet, ZkEnsemble> {
  private final MemberKind kind;

  protected MemberStatefulSetDependent(MemberKind kind) {
    super(StatefulSet.class);
    this.kind = kind;
  }

  @Override
  protected StatefulSet desired(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    StorageSpec storage = ensemble.getSpec().storage;
    String reclaim = storage.reclaimPolicy.name();
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(Names.statefulSet(ensemble, kind))
        .withNamespace(ensemble.getMetadata().getNamespace())
        .withLabels(Labels.common(ensemble))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas(ensemble))
        .withServiceName(Names.headlessService(ensemble))
        .withPodManagementPolicy("Parallel")
        .withNewUpdateStrategy()
        .withType("OnDelete")
        .endUpdateStrategy()
        .withNewSelector()
        .withMatchLabels(Labels.selector(ensemble, kind))
        .endSelector()
        .withTemplate(MemberPodTemplate.desired(ensemble, kind))
        .withVolumeClaimTemplates(dataClaim(storage))
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenScaled(reclaim)
        .withWhenDeleted(reclaim)
        .endPersistentVolumeClaimRetentionPolicy()
        .endSpec()
        .build();
  }

  /**
   * The pods the operator keeps now (status.replicas or status.observers, which the membership
   * planner moves one pod at a time); the spec's count before it decided any.
   */
  private int replicas(ZkEnsemble ensemble) {
    ZkEnsembleStatus status = ensemble.getStatus();
    Integer kept =
        status == null ? null : kind == MemberKind.PARTICIPANT ? status.replicas : status.observers;
    return kept != null ? kept : kind.desiredCount(ensemble.getSpec());
  }

  private static PersistentVolumeClaim dataClaim(StorageSpec storage) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(MemberPodTemplate.DATA_VOLUME)
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(storage.storageClassName)
        .withNewResources()
        .addToRequests("storage", storage.size)
        .endResources()
        .endSpec()
        .build();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ResourceID(Names.statefulSet(ensemble, kind), ensemble.getMetadata().getNamespace());
  }
}

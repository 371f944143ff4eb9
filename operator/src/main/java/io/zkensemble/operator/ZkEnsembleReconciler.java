package io.zkensemble.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.resources.ClientServiceDependent;
import io.zkensemble.operator.resources.ConfigMapDependent;
import io.zkensemble.operator.resources.HeadlessServiceDependent;
import io.zkensemble.operator.resources.Labels;
import io.zkensemble.operator.resources.Names;
import io.zkensemble.operator.resources.ObserverStatefulSetDependent;
import io.zkensemble.operator.resources.ParticipantStatefulSetDependent;
import io.zkensemble.operator.resources.PodDisruptionBudgetDependent;
import io.zkensemble.operator.resources.PrometheusOperatorInstalled;
import io.zkensemble.operator.resources.ServiceMonitorDependent;
import io.zkensemble.operator.resources.ServiceMonitorEnabled;
import io.zkensemble.operator.status.EnsembleObserver;
import io.zkensemble.operator.status.ObservedEnsemble;
import io.zkensemble.operator.status.StatusCalculator;
import io.zkensemble.operator.validation.SpecValidation;
import io.zkensemble.operator.validation.SpecValidator;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reconciles a ZkEnsemble: validates its spec, reconciles every object it owns (each a dependent
 * resource), then writes the status observed from its pods and members. A refused spec changes no
 * object, so a typo cannot take a running ensemble apart.
 *
 * <p>Members' roles and zxids change without any Kubernetes event, hence a reconciliation at least
 * every 30 s. The status is written only when it changed, and writing it triggers no reconciliation
 * (the generation does not change).
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "headless-service", type = HeadlessServiceDependent.class),
      @Dependent(name = "client-service", type = ClientServiceDependent.class),
      @Dependent(name = "config", type = ConfigMapDependent.class),
      @Dependent(
          name = "participants",
          type = ParticipantStatefulSetDependent.class,
          dependsOn = {"headless-service", "config"}),
      @Dependent(
          name = "observers",
          type = ObserverStatefulSetDependent.class,
          dependsOn = {"headless-service", "config"}),
      @Dependent(name = "disruption-budget", type = PodDisruptionBudgetDependent.class),
      @Dependent(
          name = "service-monitor",
          type = ServiceMonitorDependent.class,
          activationCondition = PrometheusOperatorInstalled.class,
          reconcilePrecondition = ServiceMonitorEnabled.class,
          dependsOn = "headless-service")
    })
@ControllerConfiguration(
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.SECONDS))
public class ZkEnsembleReconciler implements Reconciler<ZkEnsemble> {
  private final EnsembleObserver observer;

  public ZkEnsembleReconciler(EnsembleObserver observer) {
    this.observer = observer;
  }

  @Override
  public List<EventSource<?, ZkEnsemble>> prepareEventSources(
      EventSourceContext<ZkEnsemble> context) {
    // Pods belong to the StatefulSets, not to the ZkEnsemble: map them by their instance label.
    var pods =
        InformerEventSourceConfiguration.from(Pod.class, ZkEnsemble.class)
            .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.OPERATOR)
            .withSecondaryToPrimaryMapper(
                (Pod pod) -> {
                  String name = pod.getMetadata().getLabels().get(Labels.INSTANCE);
                  return name == null
                      ? Set.of()
                      : Set.of(new ResourceID(name, pod.getMetadata().getNamespace()));
                })
            .build();
    return List.of(new InformerEventSource<>(pods, context));
  }

  @Override
  public UpdateControl<ZkEnsemble> reconcile(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    SpecValidation validation =
        SpecValidator.validate(
            ensemble.getSpec(), observe(ensemble, context).statefulSets().values());
    if (validation.valid()) {
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    }
    ObservedEnsemble observed = observe(ensemble, context);
    ZkEnsembleStatus status =
        StatusCalculator.compute(
            ensemble,
            validation,
            observed,
            observer.observe(ensemble, observed.allPods()),
            Instant.now());
    return patchIfChanged(ensemble, status);
  }

  /** A failed reconciliation (e.g. an update the API server refused) says why in the status. */
  @Override
  public ErrorStatusUpdateControl<ZkEnsemble> updateErrorStatus(
      ZkEnsemble ensemble, Context<ZkEnsemble> context, Exception e) {
    ZkEnsembleStatus status = StatusCalculator.failed(ensemble, reason(e), Instant.now());
    if (sameStatus(ensemble.getStatus(), status)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    ensemble.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(ensemble);
  }

  /** Each failed dependent with its error; the aggregate's own message holds stack traces. */
  private static String reason(Exception e) {
    if (e instanceof AggregatedOperatorException aggregated) {
      return aggregated.getAggregatedExceptions().entrySet().stream()
          .map(failed -> failed.getKey() + ": " + failed.getValue().getMessage())
          .sorted()
          .collect(Collectors.joining("; "));
    }
    return e.getMessage();
  }

  private static ObservedEnsemble observe(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    Map<MemberKind, List<Pod>> pods = new EnumMap<>(MemberKind.class);
    Map<MemberKind, StatefulSet> sets = new EnumMap<>(MemberKind.class);
    List<Pod> all = context.getSecondaryResourcesAsStream(Pod.class).toList();
    for (MemberKind kind : MemberKind.values()) {
      pods.put(
          kind,
          all.stream()
              .filter(
                  pod -> kind.label().equals(pod.getMetadata().getLabels().get(Labels.COMPONENT)))
              .toList());
      String name = Names.statefulSet(ensemble, kind);
      context
          .getSecondaryResourcesAsStream(StatefulSet.class)
          .filter(set -> set.getMetadata().getName().equals(name))
          .findFirst()
          .ifPresent(set -> sets.put(kind, set));
    }
    return new ObservedEnsemble(pods, sets);
  }

  private static UpdateControl<ZkEnsemble> patchIfChanged(
      ZkEnsemble ensemble, ZkEnsembleStatus status) {
    if (sameStatus(ensemble.getStatus(), status)) {
      return UpdateControl.noUpdate();
    }
    ensemble.setStatus(status);
    return UpdateControl.patchStatus(ensemble);
  }

  private static boolean sameStatus(ZkEnsembleStatus current, ZkEnsembleStatus computed) {
    return current != null
        && Objects.equals(
            Serialization.jsonMapper().valueToTree(current),
            Serialization.jsonMapper().valueToTree(computed));
  }
}

package io.zkensemble.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
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
import io.zkensemble.operator.membership.EnsembleClient;
import io.zkensemble.operator.membership.EnsembleClient.Outcome;
import io.zkensemble.operator.membership.Membership;
import io.zkensemble.operator.membership.Observations;
import io.zkensemble.operator.membership.Plan;
import io.zkensemble.operator.membership.Plan.Activity;
import io.zkensemble.operator.membership.Planner;
import io.zkensemble.operator.membership.Step;
import io.zkensemble.operator.membership.StepExecutor;
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
import io.zkensemble.operator.resources.SuperCredentials;
import io.zkensemble.operator.status.EnsembleObserver;
import io.zkensemble.operator.status.MemberReport;
import io.zkensemble.operator.status.ObservedEnsemble;
import io.zkensemble.operator.status.PodFacts;
import io.zkensemble.operator.status.StatusCalculator;
import io.zkensemble.operator.validation.SpecValidation;
import io.zkensemble.operator.validation.SpecValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reconciles a ZkEnsemble:
 *
 * <ol>
 *   <li>validates its spec: a refused spec changes no object, so a typo cannot take a running
 *       ensemble apart;
 *   <li>observes its pods, asks every member its role and zxid, and the ensemble its configuration;
 *   <li>asks the {@link Planner} for the next single step;
 *   <li>reconciles every object it owns (each a dependent resource): the StatefulSets' replicas and
 *       the configuration members start from come from the plan, through the status;
 *   <li>carries out the rest of the step (reconfig, leadership transfer, pod restart);
 *   <li>writes the status.
 * </ol>
 *
 * <p>Members' roles and zxids change without any Kubernetes event, hence a reconciliation at least
 * every 30 s, and every 2 s while a change is under way. The status is written only when it
 * changed, and writing it triggers no reconciliation (the generation does not change).
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "headless-service", type = HeadlessServiceDependent.class),
      @Dependent(name = "client-service", type = ClientServiceDependent.class),
      @Dependent(name = "config", type = ConfigMapDependent.class),
      @Dependent(name = "super-credentials", type = SuperCredentials.class),
      @Dependent(
          name = "participants",
          type = ParticipantStatefulSetDependent.class,
          dependsOn = {"headless-service", "config", "super-credentials"}),
      @Dependent(
          name = "observers",
          type = ObserverStatefulSetDependent.class,
          dependsOn = {"headless-service", "config", "super-credentials"}),
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
  /** How soon to look again while a change is under way. */
  static final Duration UNDER_WAY = Duration.ofSeconds(2);

  private final EnsembleObserver observer;
  private final EnsembleClient ensembles;
  private final StepExecutor executor;

  public ZkEnsembleReconciler(
      EnsembleObserver observer, EnsembleClient ensembles, StepExecutor executor) {
    this.observer = observer;
    this.ensembles = ensembles;
    this.executor = executor;
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
    ZkEnsembleStatus previous =
        ensemble.getStatus() == null ? null : Serialization.clone(ensemble.getStatus());
    ObservedEnsemble observed = observe(ensemble, context);
    SpecValidation validation =
        SpecValidator.validate(ensemble.getSpec(), observed.statefulSets().values());
    Map<String, MemberReport> reports = observer.observe(ensemble, observed.allPods());
    Plan plan = null;
    Optional<Outcome> outcome = Optional.empty();
    if (validation.valid()) {
      String password =
          context
              .getSecondaryResource(Secret.class)
              .flatMap(SuperCredentials::password)
              .orElse(null);
      plan = plan(ensemble, observed, reports, password);
      decided(ensemble, plan);
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
      outcome = executor.execute(ensemble, plan.step(), password, observed.allPods());
      observed = observe(ensemble, context);
    }
    ZkEnsembleStatus status =
        StatusCalculator.compute(
            ensemble, validation, observed, reports, plan, outcome.orElse(null), Instant.now());
    if (!sameStatus(previous, status)) {
      writeStatus(ensemble, status, context);
    }
    UpdateControl<ZkEnsemble> control = UpdateControl.noUpdate();
    return plan != null && busy(plan) ? control.rescheduleAfter(UNDER_WAY) : control;
  }

  private Plan plan(
      ZkEnsemble ensemble,
      ObservedEnsemble observed,
      Map<String, MemberReport> reports,
      String password) {
    ZkEnsembleStatus status = ensemble.getStatus();
    Membership recorded =
        status == null || status.membership == null ? null : Membership.of(status.membership);
    // Nothing answers before a member is ready.
    boolean answering = observed.allPods().stream().anyMatch(PodFacts::ready);
    Membership committed =
        answering ? ensembles.configuration(ensemble, password).orElse(null) : null;
    return Planner.plan(Observations.of(ensemble, observed, reports, committed, recorded));
  }

  /**
   * Puts the plan's pod counts and starting configuration into the status the dependents read: the
   * StatefulSets' replicas and the ConfigMap's dynamic file follow it.
   */
  private static void decided(ZkEnsemble ensemble, Plan plan) {
    ZkEnsembleStatus status =
        ensemble.getStatus() == null ? new ZkEnsembleStatus() : ensemble.getStatus();
    status.membership = plan.membership().toStatus();
    status.replicas = plan.podCounts().get(MemberKind.PARTICIPANT);
    status.observers = plan.podCounts().get(MemberKind.OBSERVER);
    ensemble.setStatus(status);
  }

  private static boolean busy(Plan plan) {
    return plan.activity() != Activity.STEADY || !(plan.step() instanceof Step.Nothing);
  }

  /** A failed reconciliation (e.g. an update the API server refused) says why in the status. */
  @Override
  public ErrorStatusUpdateControl<ZkEnsemble> updateErrorStatus(
      ZkEnsemble ensemble, Context<ZkEnsemble> context, Exception e) {
    ZkEnsembleStatus status = StatusCalculator.failed(ensemble, reason(e), Instant.now());
    if (!sameStatus(ensemble.getStatus(), status)) {
      writeStatus(ensemble, status, context);
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
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

  /**
   * Patches the status against the ensemble as the API server has it now. Not through the operator
   * SDK's patchStatus: without server-side apply it sends a JSON Patch computed against its cached
   * copy, and when that copy still lacks the previous status write, list entries are added twice
   * (the status listed 8 members for 5 pods).
   */
  private static void writeStatus(
      ZkEnsemble ensemble, ZkEnsembleStatus status, Context<ZkEnsemble> context) {
    context
        .getClient()
        .resources(ZkEnsemble.class)
        .inNamespace(ensemble.getMetadata().getNamespace())
        .withName(ensemble.getMetadata().getName())
        .editStatus(
            current -> {
              current.setStatus(status);
              return current;
            });
  }

  private static boolean sameStatus(ZkEnsembleStatus current, ZkEnsembleStatus computed) {
    return current != null
        && Objects.equals(
            Serialization.jsonMapper().valueToTree(current),
            Serialization.jsonMapper().valueToTree(computed));
  }
}

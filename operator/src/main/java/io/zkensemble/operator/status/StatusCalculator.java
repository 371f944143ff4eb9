package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.zkensemble.operator.api.MemberIds;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.api.ZkEnsembleStatus.Member;
import io.zkensemble.operator.api.ZkEnsembleStatus.Phase;
import io.zkensemble.operator.membership.EnsembleClient.Outcome;
import io.zkensemble.operator.membership.Plan;
import io.zkensemble.operator.membership.Plan.Activity;
import io.zkensemble.operator.membership.Step;
import io.zkensemble.operator.resources.MemberPodTemplate;
import io.zkensemble.operator.resources.Names;
import io.zkensemble.operator.resources.ZooCfg;
import io.zkensemble.operator.validation.SpecValidation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ensemble's status from what was observed: a pure function of the ensemble (spec and previous
 * status), the spec's validation, its objects, its members' reports, the membership plan, what the
 * ensemble answered to the plan's step, and the time.
 *
 * <p>The phase is the first of these that applies:
 *
 * <ol>
 *   <li>Degraded, when the spec is refused: nothing changes until it is fixed.
 *   <li>Creating, from the start until every member asked for has been ready once.
 *   <li>Degraded, when the plan is blocked (a joining member or a restarted pod fails): the
 *       Degraded condition says why; it resumes once that is fixed.
 *   <li>Scaling, while members are added or removed.
 *   <li>Upgrading, while pods run an older pod template and are restarted, leader last.
 *   <li>Degraded, when a member is not ready.
 *   <li>Running.
 * </ol>
 *
 * Conditions: Ready when a quorum of participants is ready; Progressing while Creating, Scaling or
 * Upgrading, with the step the operator takes; Degraded when the spec is refused, the plan is
 * blocked, a pod fails in a way waiting will not fix (CrashLoopBackOff, ImagePullBackOff,
 * Unschedulable, ...), or the phase is Degraded. A condition keeps its lastTransitionTime while its
 * status stays the same, so an unchanged ensemble gets an equal status and no status update.
 */
public final class StatusCalculator {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  public static final String UNKNOWN_ROLE = "unknown";
  static final String LEADER_ROLE = "leader";

  private StatusCalculator() {}

  /**
   * @param plan the membership plan; null when the spec is refused
   * @param outcome what the ensemble answered to the plan's step, when it was asked something
   */
  public static ZkEnsembleStatus compute(
      ZkEnsemble ensemble,
      SpecValidation validation,
      ObservedEnsemble observed,
      Map<String, MemberReport> reports,
      Plan plan,
      Outcome outcome,
      Instant now) {
    ZkEnsembleStatus previous =
        Optional.ofNullable(ensemble.getStatus()).orElseGet(ZkEnsembleStatus::new);
    ZkEnsembleStatus status = new ZkEnsembleStatus();
    status.observedGeneration = ensemble.getMetadata().getGeneration();
    status.warnings = validation.warnings();
    status.configVersion =
        validation.valid()
            ? ZooCfg.checksum(ZooCfg.staticConfig(ensemble))
            : previous.configVersion;
    if (plan != null) {
      status.membership = plan.membership().toStatus();
      status.replicas = plan.podCounts().get(MemberKind.PARTICIPANT);
      status.observers = plan.podCounts().get(MemberKind.OBSERVER);
    } else {
      status.membership = previous.membership;
      status.replicas = previous.replicas;
      status.observers = previous.observers;
    }
    status.image = image(observed).orElse(previous.image);
    for (MemberKind kind : MemberKind.values()) {
      for (Pod pod : sorted(observed.pods(kind))) {
        status.members.add(member(kind, pod, reports.get(pod.getMetadata().getName())));
      }
    }
    status.readyReplicas = readyCount(observed.pods(MemberKind.PARTICIPANT));
    status.readyObservers = readyCount(observed.pods(MemberKind.OBSERVER));
    status.leader =
        status.members.stream()
            .filter(m -> LEADER_ROLE.equals(m.role))
            .map(m -> m.pod)
            .findFirst()
            .orElse(null);

    List<String> notReady = notReady(ensemble, observed);
    status.phase = phase(validation, previous.phase, plan, notReady);

    List<Condition> conditions = new ArrayList<>();
    conditions.add(readyCondition(ensemble, status));
    conditions.add(progressingCondition(status.phase, plan, outcome));
    conditions.add(degradedCondition(validation, status.phase, plan, observed, notReady));
    status.conditions =
        conditions.stream()
            .map(c -> keepTransitionTime(c, previous, now, status.observedGeneration))
            .toList();
    return status;
  }

  /**
   * The status after a reconciliation failed: the previous one, Degraded, with the error as the
   * reason (e.g. an update the API server refused).
   */
  public static ZkEnsembleStatus failed(ZkEnsemble ensemble, String error, Instant now) {
    ZkEnsembleStatus previous =
        Optional.ofNullable(ensemble.getStatus()).orElseGet(ZkEnsembleStatus::new);
    ZkEnsembleStatus status = Serialization.clone(previous);
    status.phase = Phase.Degraded;
    Condition degraded =
        condition(DEGRADED, true, "ReconcileFailed", "reconciling failed: " + error);
    List<Condition> conditions =
        new ArrayList<>(
            previous.conditions.stream().filter(c -> !DEGRADED.equals(c.getType())).toList());
    conditions.add(
        keepTransitionTime(degraded, previous, now, ensemble.getMetadata().getGeneration()));
    status.conditions = conditions;
    return status;
  }

  private static Phase phase(
      SpecValidation validation, Phase previous, Plan plan, List<String> notReady) {
    if (!validation.valid()) {
      return Phase.Degraded;
    }
    boolean creating = previous == null || previous == Phase.Creating;
    if (creating && (plan.activity() != Activity.STEADY || !notReady.isEmpty())) {
      return Phase.Creating;
    }
    if (plan.step() instanceof Step.Blocked) {
      return Phase.Degraded;
    }
    return switch (plan.activity()) {
      case FORMING -> Phase.Creating;
      case SCALING -> Phase.Scaling;
      case UPGRADING -> Phase.Upgrading;
      case STEADY -> notReady.isEmpty() ? Phase.Running : Phase.Degraded;
    };
  }

  private static Condition readyCondition(ZkEnsemble ensemble, ZkEnsembleStatus status) {
    int replicas = ensemble.getSpec().replicas;
    int quorum = replicas / 2 + 1;
    String counted = status.readyReplicas + " of " + replicas + " participants ready";
    if (status.readyReplicas >= quorum) {
      String leader =
          status.leader != null ? "leader " + status.leader : "no member reported a leader";
      return condition(READY, true, "QuorumReady", counted + "; " + leader);
    }
    return condition(
        READY,
        false,
        "NoQuorum",
        counted + "; clients are served once " + quorum + " are (a majority)");
  }

  private static Condition progressingCondition(Phase phase, Plan plan, Outcome outcome) {
    if (phase == Phase.Creating || phase == Phase.Scaling || phase == Phase.Upgrading) {
      String message = plan.step().describe();
      if (outcome != null && !outcome.done()) {
        message += " (" + outcome.message() + ")";
      }
      return condition(PROGRESSING, true, phase.name(), message);
    }
    return phase == Phase.Running
        ? condition(PROGRESSING, false, "UpToDate", "every member runs the current spec")
        : condition(
            PROGRESSING, false, "Blocked", "nothing is being changed: see the Degraded condition");
  }

  private static Condition degradedCondition(
      SpecValidation validation,
      Phase phase,
      Plan plan,
      ObservedEnsemble observed,
      List<String> notReady) {
    if (!validation.valid()) {
      return condition(
          DEGRADED,
          true,
          "InvalidSpec",
          "the spec is refused, nothing was changed: " + String.join("; ", validation.errors()));
    }
    if (plan.step() instanceof Step.Blocked blocked) {
      String reason =
          switch (plan.activity()) {
            case UPGRADING -> "RollStopped";
            case SCALING -> "ScalingStopped";
            default -> "Blocked";
          };
      return condition(DEGRADED, true, reason, blocked.reason());
    }
    List<String> failing =
        observed.allPods().stream()
            .filter(PodFacts::failing)
            .map(pod -> pod.getMetadata().getName() + ": " + PodFacts.problem(pod).orElseThrow())
            .sorted()
            .toList();
    if (!failing.isEmpty()) {
      return condition(DEGRADED, true, "MembersFailing", String.join("; ", failing));
    }
    if (phase == Phase.Degraded) {
      return condition(
          DEGRADED, true, "MembersNotReady", "not ready: " + String.join("; ", notReady));
    }
    return condition(DEGRADED, false, "NoFailures", "no member is failing");
  }

  private static Member member(MemberKind kind, Pod pod, MemberReport report) {
    int ordinal = PodFacts.ordinal(pod);
    return new Member(
        pod.getMetadata().getName(),
        MemberIds.of(kind, ordinal),
        report != null ? report.role() : UNKNOWN_ROLE,
        PodFacts.ready(pod),
        report != null ? "0x" + Long.toHexString(report.zxid()) : null);
  }

  /**
   * Members the spec asks for whose pod is missing or not ready, each with its problem when the
   * pod's status names one.
   */
  private static List<String> notReady(ZkEnsemble ensemble, ObservedEnsemble observed) {
    List<String> notReady = new ArrayList<>();
    for (MemberKind kind : MemberKind.values()) {
      Set<String> existing =
          observed.pods(kind).stream()
              .map(pod -> pod.getMetadata().getName())
              .collect(Collectors.toSet());
      for (int ordinal = 0; ordinal < kind.desiredCount(ensemble.getSpec()); ordinal++) {
        String name = Names.pod(ensemble, kind, ordinal);
        if (!existing.contains(name)) {
          notReady.add(name + " (no pod)");
        }
      }
    }
    observed.allPods().stream()
        .filter(pod -> !PodFacts.ready(pod))
        .map(
            pod ->
                pod.getMetadata().getName()
                    + PodFacts.problem(pod).map(problem -> " (" + problem + ")").orElse(""))
        .forEach(notReady::add);
    return notReady.stream().sorted().toList();
  }

  private static int readyCount(List<Pod> pods) {
    return (int) pods.stream().filter(PodFacts::ready).count();
  }

  private static List<Pod> sorted(List<Pod> pods) {
    return pods.stream().sorted(Comparator.comparingInt(PodFacts::ordinal)).toList();
  }

  /** The node image of every pod, if they all run the same one. */
  private static Optional<String> image(ObservedEnsemble observed) {
    List<String> images =
        observed.allPods().stream()
            .flatMap(pod -> pod.getSpec().getContainers().stream())
            .filter(c -> MemberPodTemplate.NODE_CONTAINER.equals(c.getName()))
            .map(Container::getImage)
            .distinct()
            .toList();
    return images.size() == 1 ? Optional.of(images.getFirst()) : Optional.empty();
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  private static Condition keepTransitionTime(
      Condition condition, ZkEnsembleStatus previous, Instant now, Long generation) {
    String since =
        previous.conditions.stream()
            .filter(c -> c.getType().equals(condition.getType()))
            .filter(c -> Objects.equals(c.getStatus(), condition.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(now.toString());
    condition.setLastTransitionTime(since);
    condition.setObservedGeneration(generation);
    return condition;
  }
}

package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.zkensemble.operator.api.MemberIds;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.api.ZkEnsembleStatus.Member;
import io.zkensemble.operator.api.ZkEnsembleStatus.Phase;
import io.zkensemble.operator.resources.ZooCfg;
import io.zkensemble.operator.validation.SpecValidation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ensemble's status from what was observed: a pure function of the ensemble (spec and previous
 * status), the spec's validation, its objects, its members' reports and the time.
 *
 * <p>The phase is the first of these that applies:
 *
 * <ol>
 *   <li>Degraded, when the spec is refused: nothing changes until it is fixed.
 *   <li>Creating, from the start until every member asked for has been ready once.
 *   <li>Scaling, when a StatefulSet has more or fewer pods than the spec asks for.
 *   <li>Upgrading, when a pod runs an older revision of its StatefulSet's template (updateStrategy
 *       OnDelete: a pod gets the new template when it is deleted).
 *   <li>Degraded, when a member is not ready.
 *   <li>Running.
 * </ol>
 *
 * Conditions: Ready when a quorum of participants is ready; Progressing while Creating, Scaling or
 * Upgrading; Degraded when the spec is refused, a pod fails in a way waiting will not fix
 * (CrashLoopBackOff, ImagePullBackOff, Unschedulable, ...), or the phase is Degraded. A condition
 * keeps its lastTransitionTime while its status stays the same, so an unchanged ensemble gets an
 * equal status and no status update.
 */
public final class StatusCalculator {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  public static final String UNKNOWN_ROLE = "unknown";
  static final String LEADER_ROLE = "leader";

  private StatusCalculator() {}

  public static ZkEnsembleStatus compute(
      ZkEnsemble ensemble,
      SpecValidation validation,
      ObservedEnsemble observed,
      Map<String, MemberReport> reports,
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

    Progress progress = progress(ensemble, observed);
    List<String> notReady = notReady(observed);
    status.phase = phase(validation, previous.phase, progress, notReady);

    List<Condition> conditions = new ArrayList<>();
    conditions.add(readyCondition(ensemble, status));
    conditions.add(progressingCondition(status.phase, progress));
    conditions.add(degradedCondition(validation, status.phase, observed, notReady));
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

  /** What is still to be done to reach the spec, if anything, and why. */
  private record Progress(Phase phase, String message) {}

  private static Progress progress(ZkEnsemble ensemble, ObservedEnsemble observed) {
    List<String> counts = new ArrayList<>();
    List<String> outdated = new ArrayList<>();
    for (MemberKind kind : MemberKind.values()) {
      List<Pod> pods = observed.pods(kind);
      int asked = kind.desiredCount(ensemble.getSpec());
      if (pods.size() != asked) {
        counts.add(kind.label() + "s: " + pods.size() + " pods, " + asked + " asked for");
      }
      String current = updateRevision(observed.statefulSets().get(kind));
      for (Pod pod : sorted(pods)) {
        Optional<String> revision = PodFacts.revision(pod);
        if (current != null && revision.isPresent() && !revision.get().equals(current)) {
          outdated.add(pod.getMetadata().getName());
        }
      }
    }
    if (!counts.isEmpty()) {
      return new Progress(Phase.Scaling, String.join("; ", counts));
    }
    if (!outdated.isEmpty()) {
      return new Progress(
          Phase.Upgrading,
          String.join(", ", outdated)
              + " run an older pod template; with updateStrategy OnDelete a pod gets the new one"
              + " when it is deleted: delete them one at a time, each after the previous one is"
              + " ready again, the leader last");
    }
    return null;
  }

  private static Phase phase(
      SpecValidation validation, Phase previous, Progress progress, List<String> notReady) {
    if (!validation.valid()) {
      return Phase.Degraded;
    }
    boolean creating = previous == null || previous == Phase.Creating;
    if (creating && (progress != null || !notReady.isEmpty())) {
      return Phase.Creating;
    }
    if (progress != null) {
      return progress.phase();
    }
    return notReady.isEmpty() ? Phase.Running : Phase.Degraded;
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

  private static Condition progressingCondition(Phase phase, Progress progress) {
    return switch (phase) {
      case Creating ->
          condition(
              PROGRESSING,
              true,
              "Creating",
              progress != null
                  ? progress.message()
                  : "waiting for every member to become ready for the first time");
      case Scaling, Upgrading -> condition(PROGRESSING, true, phase.name(), progress.message());
      default ->
          condition(
              PROGRESSING,
              false,
              phase == Phase.Running ? "UpToDate" : "Blocked",
              phase == Phase.Running
                  ? "every member runs the current spec"
                  : "nothing is being changed: see the Degraded condition");
    };
  }

  private static Condition degradedCondition(
      SpecValidation validation, Phase phase, ObservedEnsemble observed, List<String> notReady) {
    if (!validation.valid()) {
      return condition(
          DEGRADED,
          true,
          "InvalidSpec",
          "the spec is refused, nothing was changed: " + String.join("; ", validation.errors()));
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

  /** Not-ready pods, each with its problem when the pod's status names one. */
  private static List<String> notReady(ObservedEnsemble observed) {
    return observed.allPods().stream()
        .filter(pod -> !PodFacts.ready(pod))
        .map(
            pod ->
                pod.getMetadata().getName()
                    + PodFacts.problem(pod).map(problem -> " (" + problem + ")").orElse(""))
        .sorted()
        .toList();
  }

  private static int readyCount(List<Pod> pods) {
    return (int) pods.stream().filter(PodFacts::ready).count();
  }

  private static List<Pod> sorted(List<Pod> pods) {
    return pods.stream().sorted(Comparator.comparingInt(PodFacts::ordinal)).toList();
  }

  private static String updateRevision(StatefulSet set) {
    return set == null || set.getStatus() == null ? null : set.getStatus().getUpdateRevision();
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

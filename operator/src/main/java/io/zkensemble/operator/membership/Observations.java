package io.zkensemble.operator.membership;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkensemble.operator.api.MemberIds;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.membership.MemberView.PodState;
import io.zkensemble.operator.resources.MemberPodTemplate;
import io.zkensemble.operator.resources.Names;
import io.zkensemble.operator.resources.ZooCfg;
import io.zkensemble.operator.status.MemberReport;
import io.zkensemble.operator.status.ObservedEnsemble;
import io.zkensemble.operator.status.PodFacts;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Turns what the operator observed of an ensemble into the planner's {@link Observation}. */
public final class Observations {
  private Observations() {}

  /**
   * @param committed the configuration the ensemble answered with, if it did
   * @param recorded the configuration in the ensemble's status, if any
   */
  public static Observation of(
      ZkEnsemble ensemble,
      ObservedEnsemble observed,
      Map<String, MemberReport> reports,
      Membership committed,
      Membership recorded) {
    SortedMap<Long, MemberView> members = new TreeMap<>();
    for (MemberKind kind : MemberKind.values()) {
      String revision = MemberPodTemplate.hash(ensemble, kind);
      for (Pod pod : observed.pods(kind)) {
        int ordinal = PodFacts.ordinal(pod);
        if (ordinal < kind.maxCount()) {
          MemberView member =
              member(kind, ordinal, pod, revision, reports.get(pod.getMetadata().getName()));
          members.put(member.id(), member);
        }
      }
    }
    SortedMap<Long, String> desired = ZooCfg.desiredServers(ensemble);
    for (Membership config : new Membership[] {committed, recorded}) {
      if (config != null) {
        config.servers().keySet().forEach(id -> missing(ensemble, id, members));
      }
    }
    desired.keySet().forEach(id -> missing(ensemble, id, members));
    Map<MemberKind, Integer> podCounts = new EnumMap<>(MemberKind.class);
    observed
        .statefulSets()
        .forEach((kind, set) -> podCounts.put(kind, set.getSpec().getReplicas()));
    return new Observation(desired, podCounts, List.copyOf(members.values()), committed, recorded);
  }

  private static MemberView member(
      MemberKind kind, int ordinal, Pod pod, String revision, MemberReport report) {
    PodState state;
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      state = PodState.TERMINATING;
    } else if (PodFacts.ready(pod)) {
      state = PodState.READY;
    } else if (PodFacts.failing(pod)) {
      state = PodState.FAILING;
    } else {
      state = PodState.STARTING;
    }
    String hash =
        Optional.ofNullable(pod.getMetadata().getAnnotations())
            .map(a -> a.get(MemberPodTemplate.TEMPLATE_HASH))
            .orElse(null);
    return new MemberView(
        MemberIds.of(kind, ordinal),
        kind,
        ordinal,
        pod.getMetadata().getName(),
        state,
        PodFacts.problem(pod).orElse(null),
        revision.equals(hash),
        report == null ? null : report.role(),
        report == null ? -1 : report.zxid());
  }

  /** A member without a pod, if its id is one this operator's pods can have. */
  private static void missing(ZkEnsemble ensemble, long id, Map<Long, MemberView> members) {
    Optional<MemberKind> kind = MemberIds.kindOf(id);
    if (kind.isPresent() && !members.containsKey(id)) {
      int ordinal = MemberIds.ordinal(id);
      members.put(
          id,
          new MemberView(
              id,
              kind.get(),
              ordinal,
              Names.pod(ensemble, kind.get(), ordinal),
              PodState.MISSING,
              null,
              true,
              null,
              -1));
    }
  }
}

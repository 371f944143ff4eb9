package io.zkensemble.operator.membership;

import io.zkensemble.operator.api.MemberKind;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the planner decides from: what the spec asks for and what the operator observed.
 *
 * @param desired the server line of every member the spec asks for, by id: participants 1..replicas
 *     and observers 1001..1000+observers
 * @param podCounts each StatefulSet's replicas now; a kind is absent before its set exists
 * @param members every member with a pod, in a configuration (committed or recorded) or wanted by
 *     the spec, each once
 * @param committed the configuration in force, as the ensemble answers; null when it does not
 * @param recorded the configuration the operator last recorded (status.membership); null before the
 *     ensemble was first bootstrapped
 */
public record Observation(
    SortedMap<Long, String> desired,
    Map<MemberKind, Integer> podCounts,
    List<MemberView> members,
    Membership committed,
    Membership recorded) {

  public Observation {
    desired = Collections.unmodifiableSortedMap(new TreeMap<>(desired));
    podCounts = Map.copyOf(podCounts);
    members = List.copyOf(members);
  }
}

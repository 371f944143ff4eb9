package io.zkensemble.operator.membership;

import io.zkensemble.operator.api.MemberKind;
import java.util.Map;

/**
 * The planner's answer.
 *
 * @param step the one thing to do now
 * @param activity what the step is part of
 * @param membership the configuration members start from (the ConfigMap's dynamic file): the one in
 *     force, or the bootstrap configuration until the ensemble first formed
 * @param podCounts the replicas each StatefulSet should have now
 */
public record Plan(
    Step step, Activity activity, Membership membership, Map<MemberKind, Integer> podCounts) {

  public Plan {
    podCounts = Map.copyOf(podCounts);
  }

  /** What the operator is busy with. */
  public enum Activity {
    /** The ensemble has not formed its first quorum yet. */
    FORMING,
    /** Members are added or removed. */
    SCALING,
    /** Pods are restarted with a new pod template. */
    UPGRADING,
    /** Nothing to change, or only waiting for a leader. */
    STEADY
  }
}

package io.zkensemble.operator.membership;

import io.zkensemble.operator.api.MemberKind;

/**
 * One member as the operator sees it: its pod, and what the member says about itself on its admin
 * endpoint.
 *
 * @param id the server id (myid)
 * @param pod its pod's name
 * @param state where its pod is
 * @param failure why the pod fails, when {@code state} is FAILING
 * @param current whether the pod runs the current pod template (spec.image, config, ...)
 * @param role leader, follower, observer or looking as the member says; null if it did not answer
 * @param zxid the last zxid it processed; -1 if it did not answer
 */
public record MemberView(
    long id,
    MemberKind kind,
    int ordinal,
    String pod,
    PodState state,
    String failure,
    boolean current,
    String role,
    long zxid) {

  /** Where a member's pod is. */
  public enum PodState {
    /** No pod (yet): its StatefulSet makes it when the ordinal is below its replicas. */
    MISSING,
    /** Deleted, shutting down. */
    TERMINATING,
    /** Running or on its way, not ready yet. */
    STARTING,
    /** Not ready for a reason waiting will not fix (CrashLoopBackOff, ImagePullBackOff, ...). */
    FAILING,
    /** Its readiness probe passes: the node serves in a quorum. */
    READY
  }

  public static final String LEADER = "leader";
  public static final String FOLLOWER = "follower";
  public static final String OBSERVER = "observer";

  public boolean exists() {
    return state != PodState.MISSING;
  }

  public boolean isLeader() {
    return state == PodState.READY && LEADER.equals(role);
  }

  /**
   * Synced with the leader: ready (the node is ready only once the leader said UPTODATE) and
   * serving as leader, follower or observer now. A lagging but synced follower still acknowledges
   * every proposal, so lag does not make it unsynced.
   */
  public boolean synced() {
    return state == PodState.READY
        && (LEADER.equals(role) || FOLLOWER.equals(role) || OBSERVER.equals(role));
  }

  /** {@code zk-3 (id 4)}: how the status names a member. */
  public String name() {
    return pod + " (id " + id + ")";
  }
}

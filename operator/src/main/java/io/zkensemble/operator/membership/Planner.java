package io.zkensemble.operator.membership;

import io.zkensemble.operator.api.MemberIds;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.membership.MemberView.PodState;
import io.zkensemble.operator.membership.Plan.Activity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * The next single safe step towards the spec: a pure function of an {@link Observation}. The
 * operator takes the step, observes again, and asks again; so every step is decided from what is,
 * never from what the operator remembers doing, and an operator restarted at any point carries on.
 *
 * <p>C is the configuration in force (as the ensemble answers, else as last recorded). A member is
 * <em>synced</em> when its pod is ready (the node is ready only after the leader's UPTODATE) and it
 * serves as leader, follower or observer. The first rule that applies gives the step:
 *
 * <ol>
 *   <li><b>Form.</b> No configuration was ever recorded: every member the spec asks for starts at
 *       once from the bootstrap configuration (version 0), which is recorded and then stays until
 *       the ensemble answered: changing it before would let two different bootstrap configurations
 *       each elect a leader.
 *   <li><b>Keep the pods of C.</b> Each StatefulSet keeps at least the pods of the members of C
 *       (its replicas never fall below the highest ordinal in C plus one). Replicas fall only in
 *       rule 4.1.
 *   <li><b>Restart failed outdated pods.</b> Pods that run an older template and are not ready are
 *       restarted, all of them: they serve nothing, so this costs nothing, and it is how a roll
 *       that stopped on a failed pod resumes once the spec is fixed.
 *   <li><b>Membership, one member at a time</b> (needs a leader: one member reporting leader, a
 *       voter of C; else wait for the election):
 *       <ol>
 *         <li>A pod out of C that the spec no longer wants, the highest of its StatefulSet: delete
 *             it (replicas - 1). Its PVC goes with it when storage.reclaimPolicy is Delete, so only
 *             after its removal committed.
 *         <li>A pod out of C that the spec wants (joining): wait until it synced, as a non-voting
 *             follower or an observer; then {@code reconfig -add} it, conditional on C's version,
 *             once a majority of the new configuration's voters is synced.
 *         <li>A member of C the spec does not want, the highest id first, voters before observers:
 *             if it leads, hand leadership to a synced voter first; a voter is removed only while
 *             the synced voters of C other than it are a majority of C, so removing it and then its
 *             pod never leaves fewer than a majority of the old configuration running; then {@code
 *             reconfig -remove} it, conditional on C's version.
 *         <li>A member the spec wants that is neither in C nor has a pod, the lowest id first,
 *             voters before observers: create its pod (replicas + 1). It starts from C plus itself
 *             and joins as in 4.2.
 *       </ol>
 *   <li><b>Roll, leader last</b>, once C is what the spec asks for and a pod runs an older
 *       template: wait until every pod exists, is ready and synced (a pod that fails stops the
 *       roll: blocked, with its reason); then restart outdated observers in batches of at most half
 *       of the observers (they hold no quorum, and they try the new template before any voter
 *       does); then outdated followers one at a time; then hand leadership from an outdated leader
 *       to a synced voter, which makes it a follower for the previous rule (with a single voter,
 *       restart it: there is nobody to hand over to).
 *   <li><b>Nothing</b> is left to do.
 * </ol>
 *
 * A leader is handed to the synced voter with the highest zxid (the least lag), then the lowest id.
 * Observers are added and removed on their own: reconfigs of observers leave the voters as they
 * are. The leader refuses a reconfig whose new quorum is not synced (NewConfigNoQuorum) or that was
 * planned from an older C (BadVersion): the planner's checks and the leader's agree, the leader's
 * are the last word.
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(Observation observed) {
    Membership config = observed.committed() != null ? observed.committed() : observed.recorded();
    if (config == null) {
      return form(observed);
    }
    Map<MemberKind, Integer> podCounts = podsOf(config, observed);
    Activity activity = activity(config, observed);
    Step step = next(config, observed);
    if (step instanceof Step.CreatePod create) {
      podCounts.merge(create.kind(), create.ordinal() + 1, Math::max);
    } else if (step instanceof Step.DeletePod delete) {
      podCounts.put(delete.kind(), delete.ordinal());
    }
    return new Plan(step, activity, config, podCounts);
  }

  /** Rule 1: every member at once, from the bootstrap configuration. */
  private static Plan form(Observation observed) {
    Membership bootstrap = new Membership(0, observed.desired());
    Map<MemberKind, Integer> podCounts = new EnumMap<>(MemberKind.class);
    for (MemberKind kind : MemberKind.values()) {
      podCounts.put(kind, (int) ofKind(bootstrap.servers().keySet(), kind).count());
    }
    return new Plan(
        new Step.Wait("the members start and elect their first leader"),
        Activity.FORMING,
        bootstrap,
        podCounts);
  }

  /** Rule 2: each set's replicas now, raised to keep a pod for every member of C. */
  private static Map<MemberKind, Integer> podsOf(Membership config, Observation observed) {
    Map<MemberKind, Integer> podCounts = new EnumMap<>(MemberKind.class);
    for (MemberKind kind : MemberKind.values()) {
      int needed =
          ofKind(config.servers().keySet(), kind)
              .mapToInt(id -> MemberIds.ordinal(id) + 1)
              .max()
              .orElse(0);
      podCounts.put(kind, Math.max(observed.podCounts().getOrDefault(kind, 0), needed));
    }
    return podCounts;
  }

  private static Step next(Membership config, Observation observed) {
    List<MemberView> failedOutdated =
        members(
            observed,
            m ->
                !m.current()
                    && m.exists()
                    && m.state() != PodState.TERMINATING
                    && m.state() != PodState.READY);
    if (!failedOutdated.isEmpty()) {
      return new Step.RestartPods(failedOutdated);
    }
    Optional<MemberView> leader = leader(config, observed);
    if (leader.isEmpty()) {
      return new Step.Wait("no leader: waiting for the members to elect one");
    }
    Step membership = membership(config, observed, leader.get());
    return membership != null ? membership : roll(config, observed, leader.get());
  }

  /** Rule 4; null when C is what the spec asks for and no pod is left over or joining. */
  private static Step membership(Membership config, Observation observed, MemberView leader) {
    for (MemberKind kind : MemberKind.values()) {
      Optional<MemberView> highest =
          members(observed, m -> m.kind() == kind && m.exists()).stream()
              .max(Comparator.comparingInt(MemberView::ordinal));
      if (highest.isPresent() && isLeftOver(highest.get(), config, observed)) {
        MemberView pod = highest.get();
        return pod.state() == PodState.TERMINATING
            ? new Step.Wait(pod.pod() + " is stopping")
            : new Step.DeletePod(kind, pod.ordinal(), pod.pod());
      }
    }
    List<MemberView> joining =
        members(
            observed,
            m -> m.exists() && !config.isMember(m.id()) && observed.desired().containsKey(m.id()));
    if (!joining.isEmpty()) {
      return join(config, observed, joining.getFirst());
    }
    Optional<Long> leaving =
        config.servers().keySet().stream()
            .filter(id -> !observed.desired().containsKey(id))
            .max(Comparator.comparing((Long id) -> config.isVoter(id)).thenComparing(id -> id));
    if (leaving.isPresent()) {
      return leave(config, observed, leader, leaving.get());
    }
    Optional<Long> missing =
        observed.desired().keySet().stream()
            .filter(id -> !config.isMember(id))
            .min(
                Comparator.comparing(
                        (Long id) -> Membership.isVoterLine(observed.desired().get(id)) ? 0 : 1)
                    .thenComparing(id -> id));
    if (missing.isPresent()) {
      MemberView member = member(observed, missing.get()).orElseThrow();
      return new Step.CreatePod(member.kind(), member.ordinal(), member.pod());
    }
    return null;
  }

  /** Rule 4.2. */
  private static Step join(Membership config, Observation observed, MemberView joiner) {
    if (!joiner.synced()) {
      return switch (joiner.state()) {
        case FAILING -> new Step.Blocked(joiner.name() + " cannot join: " + joiner.failure());
        case READY -> new Step.Wait(joiner.name() + " is ready but not serving yet");
        default -> new Step.Wait(joiner.name() + " is starting, to sync with the leader");
      };
    }
    String line = observed.desired().get(joiner.id());
    if (Membership.isVoterLine(line)) {
      int voters = config.voters().size() + 1;
      int majority = voters / 2 + 1;
      long synced = syncedVoters(config, observed) + 1;
      if (synced < majority) {
        return new Step.Wait(
            "adding "
                + joiner.name()
                + " needs "
                + majority
                + " of the "
                + voters
                + " voters synced; "
                + synced
                + " are");
      }
    }
    return new Step.AddToConfig(joiner, line, config.version());
  }

  /** Rule 4.3. */
  private static Step leave(
      Membership config, Observation observed, MemberView leader, long leaving) {
    String pod =
        member(observed, leaving).map(MemberView::pod).orElse("server " + leaving + " (no pod)");
    if (config.isVoter(leaving)) {
      if (leader.id() == leaving) {
        return handOver(
            config,
            observed,
            leader,
            m -> observed.desired().containsKey(m.id()),
            "before it leaves the configuration");
      }
      long others =
          members(observed, m -> m.synced() && m.id() != leaving && config.isVoter(m.id())).size();
      if (others < config.majority()) {
        return new Step.Wait(
            "removing "
                + pod
                + " would leave "
                + others
                + " of "
                + config.voters().size()
                + " voters running, fewer than a majority ("
                + config.majority()
                + "): waiting for the others to be ready");
      }
    }
    return new Step.RemoveFromConfig(leaving, pod, config.version());
  }

  /** Rule 5. */
  private static Step roll(Membership config, Observation observed, MemberView leader) {
    if (observed.members().stream().allMatch(MemberView::current)) {
      return new Step.Nothing();
    }
    for (MemberView member : observed.members()) {
      switch (member.state()) {
        case MISSING -> {
          return new Step.Wait(member.pod() + " is being created");
        }
        case TERMINATING -> {
          return new Step.Wait(member.pod() + " is stopping");
        }
        case STARTING -> {
          return new Step.Wait(member.pod() + " is starting");
        }
        case FAILING -> {
          return new Step.Blocked(
              member.name()
                  + " fails ("
                  + member.failure()
                  + "): nothing more is restarted until it is fixed, e.g. with a spec that"
                  + " works; then the roll resumes");
        }
        case READY -> {
          if (!member.synced()) {
            return new Step.Wait(member.name() + " is ready but not serving yet");
          }
        }
      }
    }
    List<MemberView> observers =
        members(observed, m -> !m.current() && config.isObserver(m.id())).stream()
            .sorted(Comparator.comparingInt(MemberView::ordinal))
            .toList();
    if (!observers.isEmpty()) {
      int batch = Math.max(1, config.observers().size() / 2);
      return new Step.RestartPods(observers.subList(0, Math.min(batch, observers.size())));
    }
    Optional<MemberView> follower =
        members(observed, m -> !m.current() && config.isVoter(m.id()) && m.id() != leader.id())
            .stream()
            .min(Comparator.comparingInt(MemberView::ordinal));
    if (follower.isPresent()) {
      return new Step.RestartPods(List.of(follower.get()));
    }
    if (config.voters().size() == 1) {
      return new Step.RestartPods(List.of(leader));
    }
    return handOver(config, observed, leader, m -> true, "before it restarts");
  }

  private static Step handOver(
      Membership config,
      Observation observed,
      MemberView leader,
      Predicate<MemberView> eligible,
      String why) {
    return members(
            observed,
            m -> m.synced() && config.isVoter(m.id()) && m.id() != leader.id() && eligible.test(m))
        .stream()
        .max(
            Comparator.comparingLong(MemberView::zxid)
                .thenComparing(Comparator.comparingLong(MemberView::id).reversed()))
        .<Step>map(to -> new Step.TransferLeadership(leader, to))
        .orElseGet(
            () ->
                new Step.Wait(
                    "no synced voter to hand leadership to "
                        + why
                        + " (leader "
                        + leader.name()
                        + ")"));
  }

  /** What is still to be done to reach the spec. */
  private static Activity activity(Membership config, Observation observed) {
    boolean scaling =
        !config.servers().keySet().equals(observed.desired().keySet())
            || observed.desired().entrySet().stream()
                .anyMatch(e -> Membership.isVoterLine(e.getValue()) != config.isVoter(e.getKey()))
            || observed.members().stream().anyMatch(m -> m.exists() && !config.isMember(m.id()));
    if (scaling) {
      return Activity.SCALING;
    }
    return observed.members().stream().anyMatch(m -> m.exists() && !m.current())
        ? Activity.UPGRADING
        : Activity.STEADY;
  }

  /** The one member that reports leading, if it votes in C. */
  private static Optional<MemberView> leader(Membership config, Observation observed) {
    List<MemberView> leaders = members(observed, MemberView::isLeader);
    return leaders.size() == 1 && config.isVoter(leaders.getFirst().id())
        ? Optional.of(leaders.getFirst())
        : Optional.empty();
  }

  /** A pod the spec no longer wants whose member is not (any more) in C. */
  private static boolean isLeftOver(MemberView pod, Membership config, Observation observed) {
    return !config.isMember(pod.id()) && !observed.desired().containsKey(pod.id());
  }

  private static long syncedVoters(Membership config, Observation observed) {
    return members(observed, m -> m.synced() && config.isVoter(m.id())).size();
  }

  private static List<MemberView> members(Observation observed, Predicate<MemberView> filter) {
    List<MemberView> matching = new ArrayList<>();
    for (MemberView member : observed.members()) {
      if (filter.test(member)) {
        matching.add(member);
      }
    }
    return matching;
  }

  private static Optional<MemberView> member(Observation observed, long id) {
    return observed.members().stream().filter(m -> m.id() == id).findFirst();
  }

  private static LongStream ofKind(Set<Long> ids, MemberKind kind) {
    return ids.stream()
        .mapToLong(Long::longValue)
        .filter(id -> MemberIds.kindOf(id).filter(k -> k == kind).isPresent());
  }
}

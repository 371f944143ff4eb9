package io.zkensemble.operator.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.operator.api.MemberIds;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.membership.MemberView.PodState;
import io.zkensemble.operator.membership.Plan.Activity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The planner's rules, one scenario each, in the order of its Javadoc. */
class PlannerTest {
  private static final long VERSION = 0x100000007L;

  @Test
  void anEnsembleFormsWithEveryMemberAtOnceFromTheBootstrapConfiguration() {
    Plan plan = Planner.plan(new Scenario(3, 2).observation());

    assertEquals(Activity.FORMING, plan.activity());
    assertEquals(0, plan.membership().version());
    assertEquals(List.of(1L, 2L, 3L), plan.membership().voters());
    assertEquals(List.of(1001L, 1002L), plan.membership().observers());
    assertEquals(Map.of(MemberKind.PARTICIPANT, 3, MemberKind.OBSERVER, 2), plan.podCounts());
  }

  @Test
  void theBootstrapConfigurationStaysUntilTheEnsembleAnswers() {
    Scenario scenario = new Scenario(5, 0).recorded(0, 1, 2, 3).sets(3, 0);
    for (long id = 1; id <= 3; id++) {
      scenario.pod(id, PodState.STARTING, null, true);
    }

    Plan plan = Planner.plan(scenario.observation());

    assertEquals(List.of(1L, 2L, 3L), plan.membership().voters(), "not the spec's five");
    assertEquals(3, plan.podCounts().get(MemberKind.PARTICIPANT));
    assertInstanceOf(Step.Wait.class, plan.step());
  }

  @Test
  void withoutALeaderNothingChanges() {
    Scenario scenario = new Scenario(5, 0).committed(1, 2, 3).sets(3, 0);
    scenario.pod(1, PodState.READY, "looking", true);
    scenario.pod(2, PodState.READY, "looking", true);
    scenario.pod(3, PodState.STARTING, null, true);

    Plan plan = Planner.plan(scenario.observation());

    assertInstanceOf(Step.Wait.class, plan.step());
    assertEquals(Activity.SCALING, plan.activity());
    assertEquals(3, plan.podCounts().get(MemberKind.PARTICIPANT));
  }

  @Test
  void theStatefulSetKeepsAPodForEveryMemberOfTheConfiguration() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3).sets(1, 0);
    scenario.ready(1, "leader");

    Plan plan = Planner.plan(scenario.observation());

    assertEquals(3, plan.podCounts().get(MemberKind.PARTICIPANT));
  }

  @Test
  void scalingUpCreatesOnePodAndAddsItOnceSyncedThenTheNext() {
    Scenario scenario = new Scenario(5, 0).committed(1, 2, 3).sets(3, 0).readyTrio();

    Plan create = Planner.plan(scenario.observation());
    assertEquals(new Step.CreatePod(MemberKind.PARTICIPANT, 3, "zk-3"), create.step());
    assertEquals(4, create.podCounts().get(MemberKind.PARTICIPANT));
    assertEquals(Activity.SCALING, create.activity());

    scenario.sets(4, 0).pod(4, PodState.STARTING, null, true);
    Plan starting = Planner.plan(scenario.observation());
    assertInstanceOf(Step.Wait.class, starting.step());
    assertEquals(4, starting.podCounts().get(MemberKind.PARTICIPANT), "no second pod yet");

    scenario.ready(4, "follower");
    Step add = Planner.plan(scenario.observation()).step();
    Step.AddToConfig expected = (Step.AddToConfig) add;
    assertEquals(4, expected.member().id());
    assertEquals(VERSION, expected.fromVersion(), "conditional on the configuration seen");
    assertEquals(Scenario.line(4), expected.line());

    scenario.committed(1, 2, 3, 4);
    assertEquals(
        new Step.CreatePod(MemberKind.PARTICIPANT, 4, "zk-4"),
        Planner.plan(scenario.observation()).step());
  }

  @Test
  void aVoterIsAddedOnlyWhenAMajorityOfTheNewConfigurationIsSynced() {
    Scenario scenario = new Scenario(4, 0).committed(1, 2, 3).sets(4, 0);
    scenario.ready(1, "leader");
    scenario.pod(2, PodState.STARTING, null, true);
    scenario.pod(3, PodState.STARTING, null, true);
    scenario.ready(4, "follower");

    Step step = Planner.plan(scenario.observation()).step();

    assertInstanceOf(Step.Wait.class, step);
    assertTrue(step.describe().contains("needs 3 of the 4 voters synced; 2 are"), step.describe());
  }

  @Test
  void aJoinerThatFailsBlocksTheScaling() {
    Scenario scenario = new Scenario(4, 0).committed(1, 2, 3).sets(4, 0).readyTrio();
    scenario.failing(4, "CrashLoopBackOff");

    Step step = Planner.plan(scenario.observation()).step();

    assertInstanceOf(Step.Blocked.class, step);
    assertTrue(step.describe().contains("CrashLoopBackOff"), step.describe());
  }

  @Test
  void aPodThatComesBackWithAStaleDataDirectoryJoinsAsANewMember() {
    // zk-3 (id 4) was removed and its volume kept; scaled up again, it starts from its old data:
    // out of the configuration, wanted by the spec, so it is added like any joiner.
    Scenario scenario = new Scenario(4, 0).committed(1, 2, 3).sets(4, 0).readyTrio();
    scenario.ready(4, "follower");

    assertInstanceOf(Step.AddToConfig.class, Planner.plan(scenario.observation()).step());
  }

  @Test
  void scalingDownRemovesTheHighestFromTheConfigurationThenDeletesItsPod() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3, 4, 5).sets(5, 0);
    scenario.ready(1, "leader");
    for (long id = 2; id <= 5; id++) {
      scenario.ready(id, "follower");
    }

    Plan remove = Planner.plan(scenario.observation());
    assertEquals(new Step.RemoveFromConfig(5, "zk-4", VERSION), remove.step());
    assertEquals(5, remove.podCounts().get(MemberKind.PARTICIPANT), "the pod stays for now");

    scenario.committed(1, 2, 3, 4);
    Plan delete = Planner.plan(scenario.observation());
    assertEquals(new Step.DeletePod(MemberKind.PARTICIPANT, 4, "zk-4"), delete.step());
    assertEquals(4, delete.podCounts().get(MemberKind.PARTICIPANT));

    scenario.sets(4, 0).pod(5, PodState.TERMINATING, "follower", true);
    assertInstanceOf(Step.Wait.class, Planner.plan(scenario.observation()).step());

    scenario.gone(5);
    assertEquals(
        new Step.RemoveFromConfig(4, "zk-3", VERSION), Planner.plan(scenario.observation()).step());
  }

  @Test
  void aRemovalNeverLeavesFewerThanAMajorityOfTheOldConfigurationRunning() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3, 4, 5).sets(5, 0);
    scenario.ready(1, "leader");
    scenario.pod(2, PodState.STARTING, null, true);
    scenario.failing(3, "CrashLoopBackOff");
    scenario.ready(4, "follower");
    scenario.ready(5, "follower");

    Step step = Planner.plan(scenario.observation()).step();

    assertInstanceOf(Step.Wait.class, step);
    assertTrue(step.describe().contains("would leave 2 of 5 voters running"), step.describe());
  }

  @Test
  void aMemberThatIsDownAnywayIsRemovedWhileTheRestHoldAMajority() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3, 4, 5).sets(5, 0);
    scenario.ready(1, "leader");
    scenario.ready(2, "follower");
    scenario.ready(3, "follower");
    scenario.ready(4, "follower");
    scenario.failing(5, "CrashLoopBackOff");

    assertEquals(
        new Step.RemoveFromConfig(5, "zk-4", VERSION), Planner.plan(scenario.observation()).step());
  }

  @Test
  void aLeaderThatLeavesHandsLeadershipToTheLeastLaggingVoterThatStays() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3, 4).sets(4, 0);
    scenario.pod(1, PodState.READY, "follower", true, 90);
    scenario.pod(2, PodState.READY, "follower", true, 100);
    scenario.pod(3, PodState.READY, "follower", true, 100);
    scenario.pod(4, PodState.READY, "leader", true, 100);

    Step.TransferLeadership step =
        (Step.TransferLeadership) Planner.plan(scenario.observation()).step();

    assertEquals(4, step.from().id());
    assertEquals(2, step.to().id(), "the highest zxid, then the lowest id");
  }

  @Test
  void observersComeAndGoWithoutTouchingTheVoters() {
    Scenario scenario = new Scenario(3, 2).committed(1, 2, 3).sets(3, 0).readyTrio();

    assertEquals(
        new Step.CreatePod(MemberKind.OBSERVER, 0, "zk-observer-0"),
        Planner.plan(scenario.observation()).step());

    scenario.sets(3, 1).ready(1001, "observer");
    Step.AddToConfig add = (Step.AddToConfig) Planner.plan(scenario.observation()).step();
    assertEquals(1001, add.member().id());
    assertTrue(add.line().endsWith(":observer;2181"), add.line());

    scenario.committed(1, 2, 3, 1001, 1002).sets(3, 2).ready(1002, "observer");
    scenario.desire(3, 0);
    assertEquals(
        new Step.RemoveFromConfig(1002, "zk-observer-1", VERSION),
        Planner.plan(scenario.observation()).step());
  }

  @Test
  void votersLeaveBeforeObservers() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3, 4, 1001).sets(4, 1).readyTrio();
    scenario.ready(4, "follower").ready(1001, "observer");

    assertEquals(
        new Step.RemoveFromConfig(4, "zk-3", VERSION), Planner.plan(scenario.observation()).step());
  }

  @Test
  void aRollRestartsObserversInBatchesOfHalfThenFollowersOneByOneThenTheLeaderAfterHandingOver() {
    Scenario scenario = new Scenario(3, 4).committed(1, 2, 3, 1001, 1002, 1003, 1004).sets(3, 4);
    scenario.pod(1, PodState.READY, "follower", false);
    scenario.pod(2, PodState.READY, "leader", false);
    scenario.pod(3, PodState.READY, "follower", false);
    for (long id = 1001; id <= 1004; id++) {
      scenario.pod(id, PodState.READY, "observer", false);
    }

    Plan observers = Planner.plan(scenario.observation());
    assertEquals(Activity.UPGRADING, observers.activity());
    assertEquals(List.of(1001L, 1002L), restarted(observers.step()));

    scenario.pod(1001, PodState.STARTING, null, true).pod(1002, PodState.STARTING, null, true);
    assertInstanceOf(Step.Wait.class, Planner.plan(scenario.observation()).step());

    scenario.ready(1001, "observer").ready(1002, "observer");
    assertEquals(List.of(1003L, 1004L), restarted(Planner.plan(scenario.observation()).step()));

    scenario.ready(1003, "observer").ready(1004, "observer");
    assertEquals(List.of(1L), restarted(Planner.plan(scenario.observation()).step()));

    scenario.ready(1, "follower");
    assertEquals(List.of(3L), restarted(Planner.plan(scenario.observation()).step()));

    scenario.ready(3, "follower");
    Step.TransferLeadership handOver =
        (Step.TransferLeadership) Planner.plan(scenario.observation()).step();
    assertEquals(2, handOver.from().id());

    scenario.pod(2, PodState.READY, "follower", false).ready(1, "leader");
    assertEquals(List.of(2L), restarted(Planner.plan(scenario.observation()).step()));

    scenario.ready(2, "follower");
    Plan done = Planner.plan(scenario.observation());
    assertEquals(new Step.Nothing(), done.step());
    assertEquals(Activity.STEADY, done.activity());
  }

  @Test
  void aFailedPodStopsTheRollAndAFixedSpecRestartsIt() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3).sets(3, 0);
    scenario.pod(1, PodState.READY, "leader", false);
    scenario.failing(2, "ImagePullBackOff");
    scenario.pod(3, PodState.READY, "follower", false);

    Step stopped = Planner.plan(scenario.observation()).step();
    assertInstanceOf(Step.Blocked.class, stopped);
    assertTrue(stopped.describe().contains("ImagePullBackOff"), stopped.describe());

    // A new spec: zk-1 runs an older template now, and serves nothing, so it goes first.
    scenario.pod(2, PodState.FAILING, null, false);
    assertEquals(List.of(2L), restarted(Planner.plan(scenario.observation()).step()));
  }

  @Test
  void aFailingMemberOfAnUpToDateEnsembleIsNoStepOfTheOperators() {
    Scenario scenario = new Scenario(3, 0).committed(1, 2, 3).sets(3, 0);
    scenario.ready(1, "leader").ready(2, "follower").failing(3, "CrashLoopBackOff");

    Plan plan = Planner.plan(scenario.observation());

    assertEquals(new Step.Nothing(), plan.step(), "the kubelet restarts it; the status says so");
    assertEquals(Activity.STEADY, plan.activity());
  }

  @Test
  void aSingleVoterRestartsAsItIsThereIsNobodyToHandOverTo() {
    Scenario scenario = new Scenario(1, 0).committed(1).sets(1, 0);
    scenario.pod(1, PodState.READY, "leader", false);

    assertEquals(List.of(1L), restarted(Planner.plan(scenario.observation()).step()));
  }

  private static List<Long> restarted(Step step) {
    return ((Step.RestartPods) step).members().stream().map(MemberView::id).toList();
  }

  /** An ensemble named zk, as the planner is shown it. */
  private static final class Scenario {
    private SortedMap<Long, String> desired;
    private final Map<Long, MemberView> pods = new TreeMap<>();
    private final Map<MemberKind, Integer> podCounts = new EnumMap<>(MemberKind.class);
    private Membership committed;
    private Membership recorded;

    Scenario(int replicas, int observers) {
      desire(replicas, observers);
    }

    static String line(long id) {
      MemberKind kind = MemberIds.kindOf(id).orElseThrow();
      return pod(id) + ".zk-headless.ns.svc:2888:3888:" + kind.label() + ";2181";
    }

    static String pod(long id) {
      MemberKind kind = MemberIds.kindOf(id).orElseThrow();
      return (kind == MemberKind.PARTICIPANT ? "zk-" : "zk-observer-") + MemberIds.ordinal(id);
    }

    Scenario desire(int replicas, int observers) {
      desired = new TreeMap<>();
      for (int i = 0; i < replicas; i++) {
        desired.put(
            MemberIds.of(MemberKind.PARTICIPANT, i), line(MemberIds.of(MemberKind.PARTICIPANT, i)));
      }
      for (int i = 0; i < observers; i++) {
        desired.put(
            MemberIds.of(MemberKind.OBSERVER, i), line(MemberIds.of(MemberKind.OBSERVER, i)));
      }
      return this;
    }

    Scenario committed(long... ids) {
      committed = membership(VERSION, ids);
      return this;
    }

    Scenario recorded(long version, long... ids) {
      recorded = membership(version, ids);
      return this;
    }

    Scenario sets(int participants, int observers) {
      podCounts.put(MemberKind.PARTICIPANT, participants);
      podCounts.put(MemberKind.OBSERVER, observers);
      return this;
    }

    Scenario pod(long id, PodState state, String role, boolean current) {
      return pod(id, state, role, current, role == null ? -1 : 100);
    }

    Scenario pod(long id, PodState state, String role, boolean current, long zxid) {
      MemberKind kind = MemberIds.kindOf(id).orElseThrow();
      pods.put(
          id,
          new MemberView(
              id,
              kind,
              MemberIds.ordinal(id),
              pod(id),
              state,
              state == PodState.FAILING ? "CrashLoopBackOff" : null,
              current,
              role,
              zxid));
      return this;
    }

    Scenario ready(long id, String role) {
      return pod(id, PodState.READY, role, true);
    }

    Scenario failing(long id, String reason) {
      MemberKind kind = MemberIds.kindOf(id).orElseThrow();
      pods.put(
          id,
          new MemberView(
              id, kind, MemberIds.ordinal(id), pod(id), PodState.FAILING, reason, true, null, -1));
      return this;
    }

    Scenario gone(long id) {
      pods.remove(id);
      return this;
    }

    /** Leader 1, followers 2 and 3, all ready and current. */
    Scenario readyTrio() {
      return ready(1, "leader").ready(2, "follower").ready(3, "follower");
    }

    Observation observation() {
      Map<Long, MemberView> members = new TreeMap<>(pods);
      List<Long> ids = new ArrayList<>(desired.keySet());
      for (Membership config : new Membership[] {committed, recorded}) {
        if (config != null) {
          ids.addAll(config.servers().keySet());
        }
      }
      for (long id : ids) {
        members.computeIfAbsent(
            id,
            i ->
                new MemberView(
                    i,
                    MemberIds.kindOf(i).orElseThrow(),
                    MemberIds.ordinal(i),
                    pod(i),
                    PodState.MISSING,
                    null,
                    true,
                    null,
                    -1));
      }
      return new Observation(
          desired, podCounts, List.copyOf(members.values()), committed, recorded);
    }

    private static Membership membership(long version, long... ids) {
      SortedMap<Long, String> servers = new TreeMap<>();
      for (long id : ids) {
        servers.put(id, line(id));
      }
      return new Membership(version, servers);
    }
  }
}

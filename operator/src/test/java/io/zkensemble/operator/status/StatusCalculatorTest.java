package io.zkensemble.operator.status;

import static io.zkensemble.operator.api.MemberKind.OBSERVER;
import static io.zkensemble.operator.api.MemberKind.PARTICIPANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.api.ZkEnsembleStatus.Phase;
import io.zkensemble.operator.membership.EnsembleClient.Outcome;
import io.zkensemble.operator.membership.Membership;
import io.zkensemble.operator.membership.Observations;
import io.zkensemble.operator.membership.Plan;
import io.zkensemble.operator.membership.Planner;
import io.zkensemble.operator.resources.ZooCfg;
import io.zkensemble.operator.validation.SpecValidation;
import io.zkensemble.operator.validation.SpecValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final long VERSION = 0x100000003L;

  private final ZkEnsemble zk = Ensembles.zk("ns");
  private final Map<MemberKind, List<Pod>> pods = new EnumMap<>(MemberKind.class);
  private final Map<MemberKind, StatefulSet> sets = new EnumMap<>(MemberKind.class);
  private final Map<String, MemberReport> reports = new HashMap<>();

  /** What the ensemble answers; null while it does not. */
  private Membership committed;

  private Outcome outcome;

  @Test
  void aNewEnsembleWithoutPodsIsCreating() {
    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Creating, status.phase);
    assertCondition(status, "Ready", "False", "NoQuorum");
    assertCondition(status, "Progressing", "True", "Creating");
    assertEquals(
        "the members start and elect their first leader",
        condition(status, "Progressing").getMessage());
    assertEquals(3, status.replicas);
    assertEquals(2, status.observers);
    assertEquals("0", status.membership.version);
    assertEquals(5, status.membership.servers.size());
    assertCondition(status, "Degraded", "False", "NoFailures");
    assertEquals(ZooCfg.checksum(ZooCfg.staticConfig(zk)), status.configVersion);
    assertEquals(1L, status.observedGeneration);
  }

  @Test
  void everyMemberReadyWithALeaderIsRunningAndListsEachMember() {
    allReady();
    reports.put("zk-0", new MemberReport("follower", 0x100000004L));
    reports.put("zk-1", new MemberReport("leader", 0x100000004L));
    reports.put("zk-2", new MemberReport("follower", 0x100000003L));
    reports.put("zk-observer-0", new MemberReport("observer", 0x100000004L));

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Running, status.phase);
    assertEquals("zk-1", status.leader);
    assertEquals(3, status.readyReplicas);
    assertEquals(2, status.readyObservers);
    assertEquals(
        List.of(
            "zk-0 1 follower true 0x100000004",
            "zk-1 2 leader true 0x100000004",
            "zk-2 3 follower true 0x100000003",
            "zk-observer-0 1001 observer true 0x100000004",
            "zk-observer-1 1002 unknown true null"),
        status.members.stream()
            .map(m -> m.pod + " " + m.myid + " " + m.role + " " + m.ready + " " + m.zxid)
            .toList());
    assertCondition(status, "Ready", "True", "QuorumReady");
    assertEquals("3 of 3 participants ready; leader zk-1", condition(status, "Ready").getMessage());
    assertCondition(status, "Progressing", "False", "UpToDate");
    assertCondition(status, "Degraded", "False", "NoFailures");
  }

  @Test
  void theConfigurationInForceThePodsKeptAndTheImageAreRecorded() {
    allReady();
    reports.put("zk-1", new MemberReport("leader", VERSION));

    ZkEnsembleStatus status = compute();

    assertEquals(Long.toHexString(VERSION), status.membership.version);
    assertEquals(committed.serverLines(), status.membership.servers);
    assertEquals(3, status.replicas);
    assertEquals(2, status.observers);
    assertEquals(Ensembles.IMAGE, status.image);
  }

  @Test
  void aCrashLoopingParticipantOfARunningEnsembleDegradesItButKeepsItReady() {
    zk.setStatus(statusWithPhase(Phase.Running));
    allReady();
    reports.put("zk-1", new MemberReport("leader", VERSION));
    pods.get(PARTICIPANT)
        .set(2, FakePods.waiting(zk, PARTICIPANT, 2, current(PARTICIPANT), "CrashLoopBackOff"));

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Degraded, status.phase);
    assertCondition(status, "Ready", "True", "QuorumReady");
    assertCondition(status, "Degraded", "True", "MembersFailing");
    assertEquals("zk-2: CrashLoopBackOff", condition(status, "Degraded").getMessage());
    assertCondition(status, "Progressing", "False", "Blocked");
  }

  @Test
  void aFailingPodDuringCreationStaysCreatingAndSaysWhyInDegraded() {
    allReady();
    pods.get(PARTICIPANT)
        .set(0, FakePods.waiting(zk, PARTICIPANT, 0, current(PARTICIPANT), "ImagePullBackOff"));

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Creating, status.phase);
    assertCondition(status, "Degraded", "True", "MembersFailing");
    assertEquals("zk-0: ImagePullBackOff", condition(status, "Degraded").getMessage());
  }

  @Test
  void withoutAMajorityReadyTheEnsembleIsNotReady() {
    zk.setStatus(statusWithPhase(Phase.Running));
    allReady();
    pods.get(PARTICIPANT).set(0, FakePods.waiting(zk, PARTICIPANT, 0, current(PARTICIPANT), null));
    pods.get(PARTICIPANT).set(1, FakePods.waiting(zk, PARTICIPANT, 1, current(PARTICIPANT), null));

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Degraded, status.phase);
    assertCondition(status, "Ready", "False", "NoQuorum");
    assertEquals(
        "1 of 3 participants ready; clients are served once 2 are (a majority)",
        condition(status, "Ready").getMessage());
    assertCondition(status, "Degraded", "True", "MembersNotReady");
    assertEquals("not ready: zk-0; zk-1", condition(status, "Degraded").getMessage());
  }

  @Test
  void moreReplicasThanInTheConfigurationIsScalingOneMemberAtATime() {
    zk.setStatus(statusWithPhase(Phase.Running));
    allReady();
    reports.put("zk-1", new MemberReport("leader", VERSION));
    zk.getSpec().replicas = 5;

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Scaling, status.phase);
    assertCondition(status, "Progressing", "True", "Scaling");
    assertEquals(
        "creating zk-3 to add it to the ensemble", condition(status, "Progressing").getMessage());
    assertEquals(4, status.replicas, "one pod more, not two");
  }

  @Test
  void whatTheEnsembleAnsweredToAStepShowsInProgressing() {
    zk.setStatus(statusWithPhase(Phase.Running));
    allReady();
    reports.put("zk-0", new MemberReport("follower", VERSION));
    reports.put("zk-1", new MemberReport("leader", VERSION));
    reports.put("zk-2", new MemberReport("follower", VERSION));
    zk.getSpec().replicas = 2;
    outcome = new Outcome(false, "reconfig -remove 3 -v 100000003: NEWCONFIGNOQUORUM");

    ZkEnsembleStatus status = compute();

    assertEquals(
        "removing zk-2 (id 3) from the configuration (reconfig -remove 3 -v 100000003:"
            + " NEWCONFIGNOQUORUM)",
        condition(status, "Progressing").getMessage());
  }

  @Test
  void podsOfAnOlderTemplateAreUpgradingObserversFirst() {
    zk.setStatus(statusWithPhase(Phase.Running));
    allReady("old");
    reports.put("zk-0", new MemberReport("follower", VERSION));
    reports.put("zk-1", new MemberReport("leader", VERSION));
    reports.put("zk-2", new MemberReport("follower", VERSION));
    reports.put("zk-observer-0", new MemberReport("observer", VERSION));
    reports.put("zk-observer-1", new MemberReport("observer", VERSION));

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Upgrading, status.phase);
    assertCondition(status, "Progressing", "True", "Upgrading");
    assertEquals(
        "restarting zk-observer-0 (id 1001) with the current pod template",
        condition(status, "Progressing").getMessage());
  }

  @Test
  void aRollStoppedByAFailingPodIsDegradedWithWhatToDo() {
    zk.setStatus(statusWithPhase(Phase.Upgrading));
    allReady("old");
    reports.put("zk-1", new MemberReport("leader", VERSION));
    pods.get(PARTICIPANT)
        .set(0, FakePods.waiting(zk, PARTICIPANT, 0, current(PARTICIPANT), "CrashLoopBackOff"));

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Degraded, status.phase);
    assertCondition(status, "Degraded", "True", "RollStopped");
    assertEquals(
        "zk-0 (id 1) fails (CrashLoopBackOff): nothing more is restarted until it is fixed, e.g."
            + " with a spec that works; then the roll resumes",
        condition(status, "Degraded").getMessage());
  }

  @Test
  void anInvalidSpecIsDegradedWithTheReasonAndKeepsTheAppliedConfigVersion() {
    zk.setStatus(statusWithPhase(Phase.Running));
    zk.getStatus().configVersion = "applied";
    allReady();
    zk.getSpec().config.extra.put("dataDir", "/elsewhere");

    ZkEnsembleStatus status = compute();

    assertEquals(Phase.Degraded, status.phase);
    assertCondition(status, "Degraded", "True", "InvalidSpec");
    assertEquals(
        "the spec is refused, nothing was changed: spec.config.extra.dataDir is not allowed:"
            + " the data directory is the member's volume, /data",
        condition(status, "Degraded").getMessage());
    assertEquals("applied", status.configVersion);
  }

  @Test
  void evenReplicasShowAWarning() {
    zk.getSpec().replicas = 4;

    assertEquals(
        List.of(
            "spec.replicas=4 is even: it survives no more failures than 3 participants would;"
                + " prefer an odd number"),
        compute().warnings);
  }

  @Test
  void anUnchangedEnsembleGetsAnEqualStatusLater() {
    allReady();
    reports.put("zk-1", new MemberReport("leader", 7));
    zk.setStatus(compute());

    ZkEnsembleStatus later = compute(T0.plusSeconds(60));

    assertEquals(
        Serialization.jsonMapper().valueToTree(zk.getStatus()),
        Serialization.jsonMapper().valueToTree(later));
    assertEquals(T0.toString(), condition(later, "Ready").getLastTransitionTime());
  }

  @Test
  void aConditionThatFlipsGetsANewTransitionTime() {
    zk.setStatus(compute());
    allReady();

    ZkEnsembleStatus later = compute(T0.plusSeconds(60));

    assertEquals(T0.plusSeconds(60).toString(), condition(later, "Ready").getLastTransitionTime());
    assertEquals(T0.toString(), condition(later, "Degraded").getLastTransitionTime());
  }

  @Test
  void aFailedReconciliationKeepsTheObservedStatusAndSaysWhy() {
    allReady();
    zk.setStatus(compute());

    ZkEnsembleStatus failed = StatusCalculator.failed(zk, "StatefulSet is invalid", T0);

    assertEquals(Phase.Degraded, failed.phase);
    assertEquals(3, failed.readyReplicas);
    assertCondition(failed, "Degraded", "True", "ReconcileFailed");
    assertEquals(
        "reconciling failed: StatefulSet is invalid", condition(failed, "Degraded").getMessage());
    assertCondition(failed, "Ready", "True", "QuorumReady");
  }

  @Test
  void noLeaderReportedIsSaid() {
    allReady();

    ZkEnsembleStatus status = compute();

    assertNull(status.leader);
    assertEquals(
        "3 of 3 participants ready; no member reported a leader",
        condition(status, "Ready").getMessage());
  }

  private void allReady() {
    allReady(null);
  }

  /** Every member's pod ready, of the given template hash, or of the current one if null. */
  private void allReady(String revision) {
    for (MemberKind kind : MemberKind.values()) {
      List<Pod> list = new ArrayList<>();
      for (int ordinal = 0; ordinal < kind.desiredCount(zk.getSpec()); ordinal++) {
        list.add(FakePods.ready(zk, kind, ordinal, revision != null ? revision : current(kind)));
      }
      pods.put(kind, list);
      sets.put(kind, statefulSet(list.size()));
    }
    assertEquals(2, pods.get(OBSERVER).size());
    committed = new Membership(VERSION, ZooCfg.desiredServers(zk));
  }

  private String current(MemberKind kind) {
    return FakePods.current(zk, kind);
  }

  private static StatefulSet statefulSet(int replicas) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("any")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .build();
  }

  private ZkEnsembleStatus compute() {
    return compute(T0);
  }

  /** The status as a reconciliation computes it, with the planner's plan. */
  private ZkEnsembleStatus compute(Instant now) {
    SpecValidation validation = SpecValidator.validate(zk.getSpec());
    Membership recorded =
        zk.getStatus() == null || zk.getStatus().membership == null
            ? null
            : Membership.of(zk.getStatus().membership);
    Plan plan =
        validation.valid()
            ? Planner.plan(Observations.of(zk, observed(), reports, committed, recorded))
            : null;
    return StatusCalculator.compute(zk, validation, observed(), reports, plan, outcome, now);
  }

  private ObservedEnsemble observed() {
    return new ObservedEnsemble(pods, sets);
  }

  private static ZkEnsembleStatus statusWithPhase(Phase phase) {
    ZkEnsembleStatus status = new ZkEnsembleStatus();
    status.phase = phase;
    return status;
  }

  private static Condition condition(ZkEnsembleStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  private static void assertCondition(
      ZkEnsembleStatus status, String type, String expected, String reason) {
    Condition condition = condition(status, type);
    assertEquals(expected + " " + reason, condition.getStatus() + " " + condition.getReason());
  }
}

package io.zkensemble.operator.e2e;

import io.zkensemble.operator.api.StorageSpec.ReclaimPolicy;
import io.zkensemble.operator.api.ZkEnsembleStatus.Phase;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.Stat;

/**
 * The end-to-end scenarios: each creates an ensemble, changes it under a client that writes all
 * along, and ends with {@link ScenarioRun#finish}'s checks.
 */
final class Scenarios {
  /** A scenario's steps. */
  interface Scenario {
    void run(ScenarioRun run) throws Exception;
  }

  /** The scenarios CI runs; the rest run with {@code scripts/operator-e2e.sh --all}. */
  static final List<String> CI = List.of("create", "scale");

  static final Map<String, Scenario> ALL = new LinkedHashMap<>();

  static {
    ALL.put("create", Scenarios::create);
    ALL.put("scale", Scenarios::scale);
    ALL.put("observers", Scenarios::observers);
    ALL.put("upgrade", Scenarios::upgrade);
    ALL.put("failed-roll", Scenarios::failedRoll);
    ALL.put("leader-killed-mid-roll", Scenarios::leaderKilledMidRoll);
    ALL.put("operator-restart", Scenarios::operatorRestart);
    ALL.put("rejoin", Scenarios::rejoin);
  }

  private Scenarios() {}

  /** 3 participants come up and serve; only the operator may reconfig them. */
  static void create(ScenarioRun run) throws Exception {
    run.create(e -> {});
    try (ZooKeeperAdmin admin = new ZooKeeperAdmin(E2eEnvironment.CONNECT, 30_000, event -> {})) {
      admin.reconfigure(null, "3", null, -1, new Stat());
      throw new AssertionError("a client without the super user's credentials reconfigured");
    } catch (KeeperException.NoAuthException expected) {
      // As it should: reconfigEnabled, but /zookeeper/config is the super user's to change.
      run.step("reconfig without credentials: NoAuth");
    }
  }

  /**
   * 3 -> 5 -> 3, one member at a time; with reclaimPolicy Delete the removed members' volumes go,
   * after their removal.
   */
  static void scale(ScenarioRun run) throws Exception {
    run.create(e -> e.getSpec().storage.reclaimPolicy = ReclaimPolicy.Delete);
    run.change(e -> e.getSpec().replicas = 5);
    run.change(e -> e.getSpec().replicas = 3);
    for (String claim : List.of("data-zk-3", "data-zk-4")) {
      run.env.awaitTrue(
          claim + " deleted",
          () ->
              run.env
                          .client
                          .persistentVolumeClaims()
                          .inNamespace(E2eEnvironment.NAMESPACE)
                          .withName(claim)
                          .get()
                      == null
                  && !Files.exists(run.env.cluster.volume(claim)));
    }
  }

  /** 2 observers join and leave; the voters stay as they are. */
  static void observers(ScenarioRun run) throws Exception {
    run.create(e -> {});
    run.change(e -> e.getSpec().observers = 2);
    run.change(e -> e.getSpec().observers = 0);
  }

  /**
   * A new image rolls: observers first, one at a time (half of 2), then the followers one at a
   * time, each ready again before the next, then the leader, after it handed leadership over.
   */
  static void upgrade(ScenarioRun run) throws Exception {
    run.create(e -> e.getSpec().observers = 2);
    String leader = run.leader();
    try (Timeline timeline = new Timeline(run.env)) {
      run.change(e -> e.getSpec().image = E2eEnvironment.NEXT_IMAGE);
      List<String> events = timeline.events();
      List<String> deleted = timeline.deleted();
      check(deleted.size() == 5, "5 pods restarted: " + events);
      check(
          deleted.subList(0, 2).stream().allMatch(pod -> pod.startsWith("zk-observer-")),
          "observers first: " + events);
      check(deleted.get(4).equals(leader), "the leader " + leader + " last: " + events);
      for (int i = 0; i + 1 < deleted.size(); i++) {
        String pod = deleted.get(i);
        int back = indexAfter(events, "ready " + pod, events.indexOf("delete " + pod));
        int next = events.indexOf("delete " + deleted.get(i + 1));
        check(back >= 0 && back < next, pod + " ready again before the next restart: " + events);
      }
      check(events.contains("phase " + Phase.Upgrading), "phase Upgrading seen: " + events);
      check(!leader.equals(run.leader()), "leadership moved off " + leader);
    }
  }

  /**
   * A roll to an image that does not exist stops at the first pod it restarts, which fails, with
   * status Degraded and the reason; the others stay as they are and serve. A working image, then,
   * restarts the failed pod first and the roll resumes to Running.
   */
  static void failedRoll(ScenarioRun run) throws Exception {
    run.create(e -> {});
    try (Timeline timeline = new Timeline(run.env)) {
      run.writesGoOn();
      run.env.update(e -> e.getSpec().image = E2eEnvironment.MISSING_IMAGE);
      run.env.awaitStatus(
          "the roll stopped",
          s ->
              s.phase == Phase.Degraded
                  && s.conditions.stream()
                      .anyMatch(
                          c ->
                              c.getType().equals("Degraded")
                                  && "RollStopped".equals(c.getReason())
                                  && c.getMessage().contains("ImagePull")));
      run.writesGoOn();
      check(timeline.deleted().size() == 1, "one pod restarted, no more: " + timeline.events());
      run.change(e -> e.getSpec().image = E2eEnvironment.NEXT_IMAGE);
      check(timeline.deleted().size() == 4, "the failed pod again, then two: " + timeline.events());
    }
  }

  /** The leader's node is killed while a roll is under way; the roll completes. */
  static void leaderKilledMidRoll(ScenarioRun run) throws Exception {
    run.create(e -> {});
    String leader = run.leader();
    try (Timeline timeline = new Timeline(run.env)) {
      run.writesGoOn();
      run.env.update(e -> e.getSpec().image = E2eEnvironment.NEXT_IMAGE);
      run.env.awaitTrue(
          "a first follower restarted and ready again",
          () -> {
            List<String> deleted = timeline.deleted();
            List<String> events = timeline.events();
            return !deleted.isEmpty()
                && indexAfter(
                        events,
                        "ready " + deleted.getFirst(),
                        events.indexOf("delete " + deleted.getFirst()))
                    >= 0;
          });
      run.env.cluster.crash(run.leader());
      run.awaitSteady();
      check(timeline.deleted().size() >= 3, "every participant restarted: " + timeline.events());
      check(!timeline.deleted().getFirst().equals(leader), "not the leader first");
    }
  }

  /** The operator is SIGKILLed once the first new member's pod is asked for, and started again. */
  static void operatorRestart(ScenarioRun run) throws Exception {
    run.create(e -> {});
    run.writesGoOn();
    run.env.update(e -> e.getSpec().replicas = 5);
    run.env.awaitTrue(
        "the first new member's pod asked for",
        () ->
            run.env
                    .client
                    .apps()
                    .statefulSets()
                    .inNamespace(E2eEnvironment.NAMESPACE)
                    .withName(E2eEnvironment.NAME)
                    .get()
                    .getSpec()
                    .getReplicas()
                == 4);
    run.env.operator.kill();
    run.writesGoOn();
    run.env.operator.start();
    run.awaitSteady();
  }

  /**
   * A member removed with its volume kept (reclaimPolicy Retain) comes back with that stale data
   * directory and configuration, and is added again like any new member.
   */
  static void rejoin(ScenarioRun run) throws Exception {
    run.create(e -> {});
    run.change(e -> e.getSpec().replicas = 4);
    run.change(e -> e.getSpec().replicas = 3);
    check(
        Files.isDirectory(run.env.cluster.volume("data-zk-3").resolve("version-2")),
        "zk-3's volume is kept, with its data");
    run.change(e -> e.getSpec().replicas = 4);
  }

  /** The index of {@code event} after {@code from}; -1 if none. */
  private static int indexAfter(List<String> events, String event, int from) {
    for (int i = Math.max(0, from + 1); i < events.size(); i++) {
      if (events.get(i).equals(event)) {
        return i;
      }
    }
    return -1;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /** The names of the scenarios a command line asks for. */
  static List<String> named(List<String> names) {
    List<String> unknown = new ArrayList<>(names);
    unknown.removeAll(ALL.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("no scenario " + unknown + "; there are " + ALL.keySet());
    }
    return names;
  }
}

package io.zkensemble.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleSpec;
import io.zkensemble.operator.api.ZkEnsembleStatus;
import io.zkensemble.operator.api.ZkEnsembleStatus.Phase;
import io.zkensemble.operator.membership.Membership;
import io.zkensemble.operator.resources.Names;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A scenario under way: its environment, the writing client, and the checks every scenario ends
 * with.
 */
final class ScenarioRun implements AutoCloseable {
  /** Writes acknowledged between two changes, so that each change happens under load. */
  private static final int WRITES_BETWEEN_CHANGES = 200;

  final E2eEnvironment env;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final long start = System.nanoTime();
  private Writer writer;
  private long checkedWrites;
  private int checkedMembers;

  ScenarioRun(E2eEnvironment env) {
    this.env = env;
  }

  /** Creates the ensemble (3 participants, then {@code change}) and waits until it runs. */
  void create(Consumer<ZkEnsemble> change) throws Exception {
    env.create(change);
    step("created");
    env.awaitStatus(
        "a quorum ready",
        s ->
            s.conditions.stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    writer = new Writer(E2eEnvironment.CONNECT, env.workDir.resolve("acknowledged.log"));
    writer.start();
    step("a quorum ready, writing");
    awaitSteady();
  }

  /** Changes the spec, and waits until the ensemble runs it. */
  void change(Consumer<ZkEnsemble> change) {
    writesGoOn();
    env.update(change);
    step("spec changed");
    awaitSteady();
    writesGoOn();
  }

  /** Waits for a few more acknowledged writes: the ensemble serves writes now. */
  void writesGoOn() {
    int before = writer.acknowledged().size();
    env.awaitTrue(
        WRITES_BETWEEN_CHANGES + " more acknowledged writes",
        () -> writer.acknowledged().size() >= before + WRITES_BETWEEN_CHANGES);
  }

  /**
   * Waits until the status says the ensemble runs its current spec: phase Running for this
   * generation, every member ready, a leader, the configuration of exactly the members asked for,
   * every pod on the spec's image, and conditions Ready, not Progressing, not Degraded.
   */
  void awaitSteady() {
    env.awaitTrue("the ensemble runs its current spec", () -> steady().isEmpty());
    step("steady");
  }

  /** Notes in {@code steps.log} when the scenario got where. */
  void step(String what) {
    String line =
        String.format(
            "%7.1f s  %s (%d writes acknowledged)%n",
            (System.nanoTime() - start) / 1e9,
            what,
            writer == null ? 0 : writer.acknowledged().size());
    try {
      Files.writeString(
          env.workDir.resolve("steps.log"),
          line,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Why the ensemble does not run its spec (yet); empty when it does. */
  private List<String> steady() {
    ZkEnsemble zk = env.ensemble();
    ZkEnsembleSpec spec = zk.getSpec();
    ZkEnsembleStatus status = zk.getStatus();
    List<String> wrong = new ArrayList<>();
    if (status == null) {
      return List.of("no status");
    }
    check(wrong, "observedGeneration", zk.getMetadata().getGeneration(), status.observedGeneration);
    check(wrong, "phase", Phase.Running, status.phase);
    check(wrong, "readyReplicas", spec.replicas, status.readyReplicas);
    check(wrong, "readyObservers", spec.observers, status.readyObservers);
    check(wrong, "members", spec.replicas + spec.observers, status.members.size());
    check(wrong, "image", spec.image, status.image);
    if (status.leader == null) {
      wrong.add("no leader");
    }
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < spec.replicas; i++) {
      expected.add(i + 1 + ":participant");
    }
    for (int i = 0; i < spec.observers; i++) {
      expected.add(1001 + i + ":observer");
    }
    Set<String> configured = new TreeSet<>();
    if (status.membership != null) {
      Membership config = Membership.of(status.membership);
      config.voters().forEach(id -> configured.add(id + ":participant"));
      config.observers().forEach(id -> configured.add(id + ":observer"));
    }
    check(wrong, "configuration", expected, configured);
    check(wrong, "Ready", "True", condition(status, "Ready"));
    check(wrong, "Progressing", "False", condition(status, "Progressing"));
    check(wrong, "Degraded", "False", condition(status, "Degraded"));
    return wrong;
  }

  private static void check(List<String> wrong, String what, Object expected, Object actual) {
    if (!java.util.Objects.equals(expected, actual)) {
      wrong.add(what + " is " + actual + ", not " + expected);
    }
  }

  private static String condition(ZkEnsembleStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .map(Condition::getStatus)
        .findFirst()
        .orElse(null);
  }

  /** The pod of the member that leads now, asked of each member's admin endpoint. */
  String leader() {
    for (var pod : env.pods()) {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip != null && "leader".equals(role(ip).orElse(null))) {
        return pod.getMetadata().getName();
      }
    }
    throw new AssertionError("no member says it leads");
  }

  private Optional<String> role(String ip) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/commands/server_stats"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode state = json.readTree(response.body()).path("server_stats").path("server_state");
      return state.isTextual() ? Optional.of(state.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The checks every scenario ends with: the ensemble runs its spec; every acknowledged write is on
   * every member, with its data; the client saw no error but ConnectionLoss; its session never
   * expired and still holds its ephemeral node.
   */
  void finish() throws Exception {
    writesGoOn();
    writer.stop();
    step("writer stopped");
    awaitSteady();
    List<String> problems = new ArrayList<>();
    if (!writer.ephemeralKept()) {
      problems.add("the writer's ephemeral node is gone: its session did not live through it");
    }
    Map<String, Integer> errors = writer.errors();
    for (String error : errors.keySet()) {
      if (!error.equals("CONNECTIONLOSS")) {
        problems.add("the client saw " + error + " " + errors.get(error) + " times");
      }
    }
    List<Long> acknowledged = writer.acknowledged();
    ZkEnsemble zk = env.ensemble();
    List<String> members = new ArrayList<>();
    for (MemberKind kind : MemberKind.values()) {
      for (int ordinal = 0; ordinal < kind.desiredCount(zk.getSpec()); ordinal++) {
        members.add(Names.pod(zk, kind, ordinal));
      }
    }
    for (String member : members) {
      problems.addAll(
          AcknowledgedWrites.missing(env.cluster.podIP(member) + ":2181", acknowledged));
    }
    step("every member checked");
    checkedWrites = acknowledged.size();
    checkedMembers = members.size();
    if (!problems.isEmpty()) {
      throw new AssertionError(
          String.join("\n", problems.subList(0, Math.min(20, problems.size())))
              + (problems.size() > 20 ? "\n... " + problems.size() + " problems" : ""));
    }
  }

  long checkedWrites() {
    return checkedWrites;
  }

  int checkedMembers() {
    return checkedMembers;
  }

  /** The errors the client saw so far, by code. */
  Map<String, Integer> errors() {
    return writer == null ? Map.of() : writer.errors();
  }

  @Override
  public void close() throws InterruptedException {
    if (writer != null) {
      writer.close();
    }
  }
}

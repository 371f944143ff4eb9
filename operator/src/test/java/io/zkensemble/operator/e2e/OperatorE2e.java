package io.zkensemble.operator.e2e;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs end-to-end scenarios one after another and says how each went, ending with {@code N passed,
 * M failed}. {@code scripts/operator-e2e.sh} runs it; {@link OperatorE2EIT} runs CI's set.
 *
 * <p>The JVM must have been started with the DNS of {@link #HOSTS_FILE}: {@code
 * -Djdk.net.hosts.file=<hosts> -Dsun.net.inetaddr.ttl=0
 * -Djava.security.properties=<e2e-dns.security>}, since the JDK reads those once.
 */
public final class OperatorE2e {
  /** The hosts file the JVM resolves names with: the harness writes it. */
  static final String HOSTS_FILE = "jdk.net.hosts.file";

  /**
   * How one scenario went.
   *
   * @param writes acknowledged writes, each checked on every member
   * @param members the members they were checked on
   * @param errors the client's errors by code
   * @param failure why it failed; null when it passed
   */
  record Result(
      String name,
      Duration duration,
      long writes,
      int members,
      Map<String, Integer> errors,
      String failure) {
    boolean passed() {
      return failure == null;
    }

    String summary() {
      return String.format(
          "%s %s in %.1f s: %,d acknowledged writes checked on %d members; client errors: %s%s",
          passed() ? "PASSED" : "FAILED",
          name,
          duration.toMillis() / 1000.0,
          writes,
          members,
          errors.isEmpty() ? "none" : errors,
          passed() ? "" : "\n  " + failure.replace("\n", "\n  "));
    }
  }

  /**
   * The mock API server logs every request it answers at INFO: warnings only. Held here, since the
   * log manager keeps loggers only weakly, and their levels with them.
   */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private OperatorE2e() {}

  /** {@code [--scenario NAME]... | --all | --ci} [--work DIR]. */
  public static void main(String[] args) throws Exception {
    // The mock API server logs every request it answers.
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    List<String> names = new ArrayList<>();
    Path work = Path.of("operator/target/e2e");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--all" -> names.addAll(Scenarios.ALL.keySet());
        case "--ci" -> names.addAll(Scenarios.CI);
        case "--scenario" -> names.add(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (names.isEmpty()) {
      names.addAll(Scenarios.ALL.keySet());
    }
    List<Result> results = run(Scenarios.named(names), work, System.out);
    long failed = results.stream().filter(r -> !r.passed()).count();
    System.out.println((results.size() - failed) + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  /** Runs the scenarios, each in {@code work/<name>}, printing each result as it comes. */
  static List<Result> run(List<String> names, Path work, PrintStream out) throws Exception {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    String hosts = System.getProperty(HOSTS_FILE);
    if (hosts == null) {
      throw new IllegalStateException(
          "start the JVM with -D" + HOSTS_FILE + "=... (see OperatorE2e's Javadoc)");
    }
    if (!Files.exists(Path.of(hosts))) {
      // Lookups before the harness writes the real one must find localhost.
      Files.createDirectories(Path.of(hosts).toAbsolutePath().getParent());
      Files.writeString(Path.of(hosts), "127.0.0.1 localhost\n");
    }
    List<Result> results = new ArrayList<>();
    for (String name : names) {
      Result result = run(name, work.resolve(name), Path.of(hosts));
      out.println(result.summary());
      results.add(result);
    }
    return results;
  }

  private static Result run(String name, Path dir, Path hosts) throws Exception {
    deleteRecursively(dir);
    Files.createDirectories(dir);
    long start = System.nanoTime();
    ScenarioRun run = null;
    String failure = null;
    try (E2eEnvironment env = new E2eEnvironment(dir, hosts)) {
      run = new ScenarioRun(env);
      try {
        Scenarios.ALL.get(name).run(run);
        run.finish();
      } finally {
        run.close();
      }
    } catch (Exception | AssertionError e) {
      failure = e.toString();
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    return run == null
        ? new Result(name, duration, 0, 0, Map.of(), failure)
        : new Result(
            name, duration, run.checkedWrites(), run.checkedMembers(), run.errors(), failure);
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

package io.zkensemble.node.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Apache ZooKeeper 3.9.5 ensembles for tests: {@link #of} gives an {@link Ensemble} (the same API
 * as for our node) whose members run Apache's {@code QuorumPeerMain}, each as its own JVM, from the
 * jars on this JVM's classpath (the test classpath has Apache 3.9.5 and its runtime dependencies).
 * The shared zoo.cfg turns the AdminServer off and allows every four-letter word.
 */
final class ApacheEnsemble {
  private static final String MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

  /**
   * Apache logs through SLF4J to the JBoss LogManager (the provider on the test classpath), to the
   * console at INFO, i.e. to the member's server.out.
   */
  private static final List<String> LOGGING =
      List.of(
          "logger.level=INFO",
          "logger.handlers=CONSOLE",
          "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler",
          "handler.CONSOLE.formatter=PATTERN",
          "formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter",
          "formatter.PATTERN.properties=pattern",
          "formatter.PATTERN.pattern=%d{HH:mm:ss,SSS} %-5p [%c{1}] (%t) %s%e%n");

  private ApacheEnsemble() {}

  /**
   * {@code participants} voting and {@code observers} observing Apache servers; see {@link
   * Ensemble#mixed}.
   */
  static Ensemble of(Path dir, int participants, int observers) {
    return Ensemble.mixed(
        dir,
        Collections.nCopies(participants, EnsembleMember.Kind.APACHE),
        Collections.nCopies(observers, EnsembleMember.Kind.APACHE));
  }

  /**
   * The JVM arguments after {@code java} that run Apache's server on {@code cfg} in {@code
   * memberDir}; writes the logging configuration there.
   */
  static List<String> arguments(Path memberDir, Path cfg) {
    Path logging = memberDir.resolve("logging.properties");
    try {
      Files.write(logging, LOGGING, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of(
        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
        "-Dlogging.configuration=" + logging.toUri(),
        "-cp",
        classpath(),
        MAIN,
        cfg.toString());
  }

  /**
   * This JVM's classpath without Quarkus' jars: Quarkus installs its own JBoss LogManager
   * configurator, which holds every log record back until a Quarkus application starts, so Apache
   * would log nothing.
   */
  private static String classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains(File.separator + "io" + File.separator + "quarkus"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}

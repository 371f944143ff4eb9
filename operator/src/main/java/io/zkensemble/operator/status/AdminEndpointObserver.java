package io.zkensemble.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.arc.DefaultBean;
import io.zkensemble.operator.api.ZkEnsemble;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Asks every running member its {@code /commands/server_stats} (Apache's AdminServer {@code srvr})
 * on the admin port of its pod IP, all at once, and reads {@code server_state} and {@code
 * last_processed_zxid}. A member that does not answer in time, or not with those, is left out. The
 * default: tests put an observer of fake members in its place.
 */
@DefaultBean
@ApplicationScoped
public class AdminEndpointObserver implements EnsembleObserver {
  private static final Logger LOG = Logger.getLogger(AdminEndpointObserver.class);

  static final String COMMAND = "/commands/server_stats";

  /** Short: a reconciliation waits for the slowest member. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Map<String, MemberReport> observe(ZkEnsemble ensemble, List<Pod> pods) {
    Map<String, CompletableFuture<Optional<MemberReport>>> asked = new HashMap<>();
    for (Pod pod : pods) {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip != null && !ip.isEmpty()) {
        URI uri = URI.create("http://" + ip + ":" + ensemble.getSpec().ports.admin + COMMAND);
        asked.put(pod.getMetadata().getName(), ask(pod.getMetadata().getName(), uri));
      }
    }
    Map<String, MemberReport> reports = new HashMap<>();
    asked.forEach((pod, answer) -> answer.join().ifPresent(report -> reports.put(pod, report)));
    return reports;
  }

  private CompletableFuture<Optional<MemberReport>> ask(String pod, URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> parse(pod, response))
        .exceptionally(
            e -> {
              LOG.debugf("%s did not answer %s: %s", pod, uri, e.getMessage());
              return Optional.empty();
            });
  }

  private Optional<MemberReport> parse(String pod, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      LOG.debugf("%s answered %d to %s", pod, response.statusCode(), COMMAND);
      return Optional.empty();
    }
    try {
      return parse(json.readTree(response.body()));
    } catch (IOException e) {
      LOG.debugf("%s answered %s with no JSON: %s", pod, COMMAND, e.getMessage());
      return Optional.empty();
    }
  }

  /** The report in an answer of Apache's shape, if it has one. */
  static Optional<MemberReport> parse(JsonNode answer) {
    JsonNode stats = answer.path("server_stats");
    JsonNode state = stats.path("server_state");
    JsonNode zxid = stats.path("last_processed_zxid");
    if (!state.isTextual() || !zxid.canConvertToLong()) {
      return Optional.empty();
    }
    return Optional.of(new MemberReport(state.asText(), zxid.asLong()));
  }
}

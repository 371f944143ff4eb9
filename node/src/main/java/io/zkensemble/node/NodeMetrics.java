package io.zkensemble.node;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.zkensemble.node.admin.MetricsSource;
import io.zkensemble.node.admin.MonitorValues;
import io.zkensemble.node.admin.PrometheusText;
import io.zkensemble.node.config.AdminOptions;
import io.zkensemble.node.config.AllInterfaces;
import io.zkensemble.node.stats.Summary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A node's metrics under Apache's names, two ways: Micrometer meters in Quarkus' Prometheus
 * registry (/q/metrics on the HTTP server), read from values refreshed every second on the
 * pipeline's thread; and, when zoo.cfg names Apache's PrometheusMetricsProvider, Apache's own
 * /metrics on metricsProvider.httpPort, rendered fresh per scrape exactly as Apache's provider.
 */
@ApplicationScoped
public class NodeMetrics {
  private static final Logger LOG = Logger.getLogger(NodeMetrics.class);

  /** How often the Micrometer meters' values are refreshed, ms: finer than any scrape interval. */
  private static final long REFRESH_MILLIS = 1000;

  @Inject MeterRegistry registry;
  @Inject Vertx vertx;

  private final AtomicReference<MonitorValues> latest = new AtomicReference<>();

  /** The operations whose latency meters are registered. */
  private final Set<String> opsRegistered = ConcurrentHashMap.newKeySet();

  /** The followers whose lag gauges are registered. */
  private final Set<Long> followersRegistered = ConcurrentHashMap.newKeySet();

  void start(ZkNode node) {
    MetricsSource source = new MetricsSource(node);
    boolean replicated = node.status().config().replicated();
    refresh(source, replicated);
    vertx.setPeriodic(REFRESH_MILLIS, id -> refresh(source, replicated));
    AdminOptions admin = node.status().config().admin();
    if (admin.prometheus()) {
      serveApacheMetrics(source, admin);
    }
  }

  /**
   * Takes new values; the meters are registered from the first values there are (a member looking
   * for its leader has none yet).
   */
  private void refresh(MetricsSource source, boolean replicated) {
    source
        .collect()
        .onSuccess(
            values -> {
              if (values != null && latest.getAndSet(values) == null) {
                register(replicated);
              }
              if (values != null) {
                values.latencyByOp().keySet().forEach(this::registerOp);
                values.followerLag().keySet().forEach(this::registerFollower);
              }
            });
  }

  /**
   * Registers a meter per name the first values have, and in an ensemble the leader's gauges too
   * (NaN while this server does not lead).
   */
  private void register(boolean replicated) {
    MonitorValues first = latest.get();
    if (first == null) {
      return;
    }
    Set<String> gauges = new LinkedHashSet<>(first.gauges().keySet());
    if (replicated) {
      gauges.addAll(MonitorValues.leaderGauges());
    }
    gauges.forEach(name -> gauge(name, v -> v.gauges().get(name)));
    for (String name : first.counters().keySet()) {
      FunctionCounter.builder(name, latest, ref -> value(ref.get(), v -> v.counters().get(name)))
          .register(registry);
    }
    for (MonitorValues.NamedSummary summary : first.summaries()) {
      String name = summary.name();
      gauge(name + "_count", v -> summaryOf(v, name).count());
      gauge(name + "_sum", v -> summaryOf(v, name).sum());
      gauge(name + "_max", v -> summaryOf(v, name).max());
    }
  }

  /** request_latency_ms_{count,sum,max}{op="..."}: ours, beside Apache's read/update split. */
  private void registerOp(String op) {
    if (!opsRegistered.add(op)) {
      return;
    }
    Map<String, Function<Summary.Snapshot, Number>> parts =
        Map.of(
            "count",
            Summary.Snapshot::count,
            "sum",
            Summary.Snapshot::sum,
            "max",
            Summary.Snapshot::max);
    parts.forEach(
        (part, read) ->
            Gauge.builder(
                    "request_latency_ms_" + part,
                    latest,
                    ref ->
                        value(
                            ref.get(),
                            v -> {
                              Summary.Snapshot s = v.latencyByOp().get(op);
                              return s == null ? null : read.apply(s);
                            }))
                .tag("op", op)
                .register(registry));
  }

  /**
   * follower_lag_proposals{sid="N"}: ours; what follower N has not acknowledged of what the leader
   * sent it (NaN while it is not a synced follower of this server).
   */
  private void registerFollower(long sid) {
    if (followersRegistered.add(sid)) {
      Gauge.builder(
              "follower_lag_proposals",
              latest,
              ref -> value(ref.get(), v -> v.followerLag().get(sid)))
          .tag("sid", Long.toString(sid))
          .register(registry);
    }
  }

  private void gauge(String name, Function<MonitorValues, Number> read) {
    Gauge.builder(name, latest, ref -> value(ref.get(), read)).register(registry);
  }

  private static double value(MonitorValues values, Function<MonitorValues, Number> read) {
    if (values == null) {
      return Double.NaN;
    }
    Number number = read.apply(values);
    return number == null ? Double.NaN : number.doubleValue();
  }

  private static Summary.Snapshot summaryOf(MonitorValues values, String name) {
    for (MonitorValues.NamedSummary summary : values.summaries()) {
      if (summary.name().equals(name)) {
        return summary.values();
      }
    }
    return Summary.Snapshot.EMPTY;
  }

  private void serveApacheMetrics(MetricsSource source, AdminOptions admin) {
    HttpServer server = vertx.createHttpServer();
    server.requestHandler(
        request -> {
          if (!request.path().equals("/metrics")) {
            request.response().setStatusCode(404).end();
            return;
          }
          source
              .collect()
              .onComplete(
                  done -> {
                    MonitorValues values = done.succeeded() ? done.result() : null;
                    request
                        .response()
                        .putHeader("Content-Type", PrometheusText.CONTENT_TYPE)
                        .end(values == null ? "" : PrometheusText.render(values));
                  });
        });
    String host = AllInterfaces.bindHost(admin.metricsHost());
    server
        .listen(admin.metricsPort(), host)
        .onSuccess(s -> LOG.infof("Serving /metrics on %s:%d", host, s.actualPort()))
        .onFailure(
            e ->
                // Apache would not start; the node serves on without its /metrics.
                LOG.errorf(
                    "Cannot start /metrics on port %d: %s", admin.metricsPort(), e.getMessage()));
  }
}

package io.zkensemble.node.admin;

import io.zkensemble.node.stats.Summary;
import java.util.Map;

/**
 * The metrics in the Prometheus text format as Apache's PrometheusMetricsProvider serves them on
 * /metrics (simpleclient 0.9's TextFormat 0.0.4): Apache's names without a zk_ prefix, HELP the
 * name itself, values as doubles; summaries with quantile labels (0.5 for BASIC ones, 0.5, 0.9 and
 * 0.99 for ADVANCED), then _count and _sum. Text values (version, server_state) are not metrics.
 */
public final class PrometheusText {
  /** The Content-Type of the 0.0.4 text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final double[] BASIC_QUANTILES = {0.5};
  private static final double[] ADVANCED_QUANTILES = {0.5, 0.9, 0.99};

  private PrometheusText() {}

  public static String render(MonitorValues values) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Number> gauge : values.gauges().entrySet()) {
      header(out, gauge.getKey(), "gauge");
      sample(out, gauge.getKey(), "", gauge.getValue().doubleValue());
    }
    for (Map.Entry<String, Long> counter : values.counters().entrySet()) {
      header(out, counter.getKey(), "counter");
      sample(out, counter.getKey(), "", counter.getValue());
    }
    for (MonitorValues.NamedSummary summary : values.summaries()) {
      String name = summary.name();
      Summary.Snapshot s = summary.values();
      header(out, name, "summary");
      for (double q : summary.advanced() ? ADVANCED_QUANTILES : BASIC_QUANTILES) {
        // simpleclient shows NaN for the quantiles of a summary with no observations.
        sample(out, name, "{quantile=\"" + q + "\",}", s.count() == 0 ? Double.NaN : s.quantile(q));
      }
      sample(out, name + "_count", "", s.count());
      sample(out, name + "_sum", "", s.sum());
    }
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type) {
    out.append("# HELP ").append(name).append(' ').append(name).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append(labels).append(' ').append(format(value)).append('\n');
  }

  /** simpleclient's Collector.doubleToGoString: +Inf, -Inf, NaN, else Double.toString. */
  static String format(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    return Double.toString(value);
  }
}

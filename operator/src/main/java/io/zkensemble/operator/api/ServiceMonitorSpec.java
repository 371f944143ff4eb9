package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A Prometheus Operator ServiceMonitor; made only where its CRD is installed. */
public class ServiceMonitorSpec {
  public boolean enabled = false;

  @JsonPropertyDescription("Scrape interval, e.g. 30s or 1m.")
  @Pattern("^[0-9]+(ms|s|m|h)$")
  public String interval = "30s";
}

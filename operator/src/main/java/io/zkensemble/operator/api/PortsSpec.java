package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The ports of every member; Apache ZooKeeper's defaults. */
public class PortsSpec {
  @JsonPropertyDescription("Client port (clientPort).")
  @Min(1)
  @Max(65535)
  public int client = 2181;

  @JsonPropertyDescription("Port followers and observers connect to on the leader.")
  @Min(1)
  @Max(65535)
  public int quorum = 2888;

  @JsonPropertyDescription("Leader election port.")
  @Min(1)
  @Max(65535)
  public int election = 3888;

  @JsonPropertyDescription(
      "HTTP port of the admin commands and the health probes (admin.serverPort).")
  @Min(1)
  @Max(65535)
  public int admin = 8080;

  @JsonPropertyDescription("Prometheus metrics port (metricsProvider.httpPort).")
  @Min(1)
  @Max(65535)
  public int metrics = 7000;
}

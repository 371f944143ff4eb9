package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.zkensemble.operator.api.PortsSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The members' named ports; Services and probes refer to them by name. */
public final class Ports {
  public static final String CLIENT = "client";
  public static final String QUORUM = "quorum";
  public static final String ELECTION = "election";
  public static final String ADMIN = "admin";
  public static final String METRICS = "metrics";

  private Ports() {}

  static Map<String, Integer> all(PortsSpec ports) {
    Map<String, Integer> named = new LinkedHashMap<>();
    named.put(CLIENT, ports.client);
    named.put(QUORUM, ports.quorum);
    named.put(ELECTION, ports.election);
    named.put(ADMIN, ports.admin);
    named.put(METRICS, ports.metrics);
    return named;
  }

  static List<ContainerPort> container(PortsSpec ports) {
    return all(ports).entrySet().stream()
        .map(
            port ->
                new ContainerPortBuilder()
                    .withName(port.getKey())
                    .withContainerPort(port.getValue())
                    .withProtocol("TCP")
                    .build())
        .toList();
  }

  static ServicePort service(String name, int port) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(port)
        .withTargetPort(new IntOrString(name))
        .withProtocol("TCP")
        .build();
  }
}

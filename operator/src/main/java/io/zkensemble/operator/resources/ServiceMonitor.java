package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the Prometheus Operator's ServiceMonitor the operator writes. A typed class (not a
 * generic resource), so that the client needs no API discovery, which fails while the Prometheus
 * Operator's CRD is not installed.
 */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("ServiceMonitor")
@RegisterForReflection(targets = {ServiceMonitor.Spec.class, ServiceMonitor.Endpoint.class})
public class ServiceMonitor extends CustomResource<ServiceMonitor.Spec, Void>
    implements Namespaced {

  /** Which Services to scrape, and how. */
  public static class Spec {
    public LabelSelector selector;
    public List<Endpoint> endpoints = new ArrayList<>();
  }

  /** A named port of the selected Services, scraped at an interval. */
  public static class Endpoint {
    public String port;
    public String path;
    public String interval;

    public Endpoint() {}

    public Endpoint(String port, String path, String interval) {
      this.port = port;
      this.path = path;
      this.interval = interval;
    }
  }
}

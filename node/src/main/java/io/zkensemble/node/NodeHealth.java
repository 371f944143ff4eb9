package io.zkensemble.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * /q/health/live: the process answers. /q/health/ready: the node serves every client: standalone
 * and started, or in an ensemble with an established leader and in sync with it (not while looking
 * for a leader, syncing, or serving read-only).
 */
public final class NodeHealth {
  private NodeHealth() {}

  @Liveness
  @ApplicationScoped
  public static class Live implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
      return HealthCheckResponse.up("zkensemble");
    }
  }

  @Readiness
  @ApplicationScoped
  public static class Ready implements HealthCheck {
    @Inject RunningNode running;

    @Override
    public HealthCheckResponse call() {
      ZkNode node = running.current();
      boolean serving = node != null && node.pipeline().servesAll();
      return HealthCheckResponse.named("zkensemble-serving").status(serving).build();
    }
  }
}

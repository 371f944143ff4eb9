package io.zkensemble.node.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.zkensemble.node.ZkNode;

/** Collects a node's {@link MonitorValues} on its pipeline's thread, for any thread to use. */
public final class MetricsSource {
  private final ZkNode node;

  public MetricsSource(ZkNode node) {
    this.node = node;
  }

  /** The values now; completes with null while the node does not serve. */
  public Future<MonitorValues> collect() {
    Promise<MonitorValues> values = Promise.promise();
    node.pipeline().inspect(view -> values.complete(MonitorValues.collect(view, node.status())));
    return values.future();
  }
}

package io.zkensemble.operator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.operator.Ensembles;
import io.zkensemble.operator.api.ZkEnsemble;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMonitorDependentTest {
  @Test
  void scrapesTheMetricsPortOfTheHeadlessServiceOnly() {
    ZkEnsemble zk = Ensembles.zk("ns");
    zk.getSpec().serviceMonitor.enabled = true;
    zk.getSpec().serviceMonitor.interval = "15s";

    ServiceMonitor monitor = new ServiceMonitorDependent().desired(zk, null);

    assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
    assertEquals("ServiceMonitor", monitor.getKind());
    assertEquals("zk", monitor.getMetadata().getName());
    ServiceMonitor.Endpoint endpoint = monitor.getSpec().endpoints.getFirst();
    assertEquals(
        "metrics /metrics 15s", endpoint.port + " " + endpoint.path + " " + endpoint.interval);
    Map<String, String> selected = monitor.getSpec().selector.getMatchLabels();
    assertTrue(
        new HeadlessServiceDependent()
            .desired(zk, null)
            .getMetadata()
            .getLabels()
            .entrySet()
            .containsAll(selected.entrySet()));
    assertFalse(
        new ClientServiceDependent()
            .desired(zk, null)
            .getMetadata()
            .getLabels()
            .entrySet()
            .containsAll(selected.entrySet()));
  }
}

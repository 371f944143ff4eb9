package io.zkensemble.operator.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.zkensemble.operator.Ensembles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceDependentsTest {
  @Test
  void headlessServicePublishesMembersBeforeTheyAreReady() {
    Service headless = new HeadlessServiceDependent().desired(Ensembles.zk("ns"), null);

    assertEquals("zk-headless", headless.getMetadata().getName());
    assertEquals("None", headless.getSpec().getClusterIP());
    assertTrue(headless.getSpec().getPublishNotReadyAddresses());
    assertEquals(
        Map.of(Labels.NAME, Labels.APP, Labels.INSTANCE, "zk"), headless.getSpec().getSelector());
    assertEquals(
        List.of("client:2181", "quorum:2888", "election:3888", "admin:8080", "metrics:7000"),
        ports(headless));
    assertEquals("headless", headless.getMetadata().getLabels().get(Labels.SERVICE));
  }

  @Test
  void clientServiceServesTheClientPortOfParticipantsAndObservers() {
    var zk = Ensembles.zk("ns");
    zk.getSpec().ports.client = 2281;

    Service client = new ClientServiceDependent().desired(zk, null);

    assertEquals("zk-client", client.getMetadata().getName());
    assertEquals("ClusterIP", client.getSpec().getType());
    assertEquals(List.of("client:2281"), ports(client));
    assertFalse(
        client.getSpec().getSelector().containsKey(Labels.COMPONENT),
        "observers serve clients too");
  }

  private static List<String> ports(Service service) {
    return service.getSpec().getPorts().stream()
        .map((ServicePort p) -> p.getName() + ":" + p.getPort())
        .toList();
  }
}

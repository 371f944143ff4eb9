package io.zkensemble.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.status.EnsembleObserver;
import io.zkensemble.operator.status.MemberReport;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Members as the tests say they are, in place of the admin endpoint observer; counts the
 * reconciliations that asked.
 */
@Singleton
public class FakeEnsembleObserver implements EnsembleObserver {
  private final Map<String, Map<String, MemberReport>> reports = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** The member of pod {@code pod} in namespace {@code ns} answers {@code report} from now on. */
  void report(String ns, String pod, MemberReport report) {
    reports.computeIfAbsent(ns, n -> new ConcurrentHashMap<>()).put(pod, report);
  }

  int calls() {
    return calls.get();
  }

  @Override
  public Map<String, MemberReport> observe(ZkEnsemble ensemble, List<Pod> pods) {
    calls.incrementAndGet();
    return Map.copyOf(reports.getOrDefault(ensemble.getMetadata().getNamespace(), Map.of()));
  }
}

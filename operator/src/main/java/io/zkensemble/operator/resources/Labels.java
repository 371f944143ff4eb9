package io.zkensemble.operator.resources;

import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import java.util.Map;
import java.util.TreeMap;

/** Kubernetes' recommended labels, which also select an ensemble's pods. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  public static final String APP = "zkensemble";
  public static final String OPERATOR = "zkensemble-operator";

  /** Marks the headless Service, the one a ServiceMonitor scrapes through. */
  public static final String SERVICE = "zkensemble.io/service";

  private Labels() {}

  /** On every object the operator makes. */
  public static Map<String, String> common(ZkEnsemble ensemble) {
    Map<String, String> labels = new TreeMap<>(selector(ensemble));
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }

  /** Every member of the ensemble, participants and observers. */
  public static Map<String, String> selector(ZkEnsemble ensemble) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, APP);
    labels.put(INSTANCE, ensemble.getMetadata().getName());
    return labels;
  }

  /** The members of one kind. */
  public static Map<String, String> selector(ZkEnsemble ensemble, MemberKind kind) {
    Map<String, String> labels = selector(ensemble);
    labels.put(COMPONENT, kind.label());
    return labels;
  }

  /** The labels of a member's pod: the user's, then the operator's, which win. */
  public static Map<String, String> pod(ZkEnsemble ensemble, MemberKind kind) {
    Map<String, String> labels = new TreeMap<>(ensemble.getSpec().pod.labels);
    labels.putAll(common(ensemble));
    labels.putAll(selector(ensemble, kind));
    return labels;
  }
}

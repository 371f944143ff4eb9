package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What goes into the members' pod template besides the node itself. */
public class PodOptions {
  @JsonPropertyDescription("Extra pod labels (the operator's own app.kubernetes.io/* win).")
  public Map<String, String> labels = new TreeMap<>();

  public Map<String, String> annotations = new TreeMap<>();

  @JsonPropertyDescription(
      "Pod affinity. Default: prefer a node without another member of this ensemble.")
  public Affinity affinity;

  public List<Toleration> tolerations = new ArrayList<>();

  public Map<String, String> nodeSelector = new TreeMap<>();

  public List<TopologySpreadConstraint> topologySpreadConstraints = new ArrayList<>();

  @JsonPropertyDescription(
      "Pod security context. Default: fsGroup 185, the user of Quarkus' UBI OpenJDK base"
          + " image, so the node can write its volume.")
  public PodSecurityContext securityContext;

  @JsonPropertyDescription("Extra environment variables of the node container.")
  public List<EnvVar> env = new ArrayList<>();

  public String serviceAccountName;

  public String priorityClassName;
}

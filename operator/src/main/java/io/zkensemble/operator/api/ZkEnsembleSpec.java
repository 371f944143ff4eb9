package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** What the user asks for. Every field has a default but the image. */
public class ZkEnsembleSpec {
  @JsonPropertyDescription(
      "Participants (voters), ids 1..replicas. Odd numbers are recommended: an even number"
          + " tolerates no more failures than the odd number below it (accepted with a warning).")
  @Min(1)
  @Max(MemberIds.MAX_PARTICIPANTS)
  public int replicas = 3;

  @JsonPropertyDescription(
      "Observers: non-voting members that serve reads and watches, ids 1001, 1002, ...")
  @Min(0)
  @Max(MemberIds.MAX_OBSERVERS)
  public int observers = 0;

  @JsonPropertyDescription("The zkensemble node image.")
  @Required
  public String image;

  @JsonPropertyDescription("Pull policy of the node image.")
  public PullPolicy imagePullPolicy = PullPolicy.IfNotPresent;

  @JsonPropertyDescription("CPU and memory of each node container.")
  public ResourceRequirements resources;

  public StorageSpec storage = new StorageSpec();

  public ConfigSpec config = new ConfigSpec();

  public PortsSpec ports = new PortsSpec();

  public PodOptions pod = new PodOptions();

  public DisruptionBudgetSpec podDisruptionBudget = new DisruptionBudgetSpec();

  public ServiceMonitorSpec serviceMonitor = new ServiceMonitorSpec();

  @JsonPropertyDescription("JVM options of the node (JDK_JAVA_OPTIONS), e.g. -Xmx512m.")
  public List<String> jvmOptions = new ArrayList<>();

  /** Kubernetes' image pull policies. */
  public enum PullPolicy {
    Always,
    IfNotPresent,
    Never
  }
}

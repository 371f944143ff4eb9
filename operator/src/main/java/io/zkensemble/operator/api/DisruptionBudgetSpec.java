package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** The PodDisruptionBudget of the participants (observers hold no quorum and have none). */
public class DisruptionBudgetSpec {
  @JsonPropertyDescription(
      "Participants a voluntary disruption (a node drain) may take down at once.")
  @Min(0)
  public int maxUnavailable = 1;
}

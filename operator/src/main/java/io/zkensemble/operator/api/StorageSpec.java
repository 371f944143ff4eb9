package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;

/** The data volume of each member (snapshots, transaction logs, myid). */
public class StorageSpec {
  @JsonPropertyDescription("Size of each member's volume; fixed once the ensemble exists.")
  public Quantity size = new Quantity("10Gi");

  @JsonPropertyDescription("Storage class of the volumes; the cluster's default when empty.")
  public String storageClassName;

  @JsonPropertyDescription(
      "What happens to the volume of a member that is removed (scale-down) or of an ensemble"
          + " that is deleted: Retain keeps it, Delete deletes it.")
  public ReclaimPolicy reclaimPolicy = ReclaimPolicy.Retain;

  /** StatefulSet's PersistentVolumeClaim retention policies. */
  public enum ReclaimPolicy {
    Retain,
    Delete
  }
}

package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed, written at the end of each reconciliation. */
public class ZkEnsembleStatus {
  public Phase phase;

  @JsonPropertyDescription("Participants whose readiness probe passes (serving in a quorum).")
  public int readyReplicas;

  public int readyObservers;

  @JsonPropertyDescription("Pod name of the leader, as the members' admin endpoints report.")
  public String leader;

  public List<Member> members = new ArrayList<>();

  @JsonPropertyDescription(
      "Checksum of the zoo.cfg the operator renders; pods carry the one they started with in"
          + " the zkensemble.io/config-checksum annotation.")
  public String configVersion;

  public Long observedGeneration;

  @JsonPropertyDescription("Ready, Progressing and Degraded, with reasons.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Accepted settings that are likely mistakes, e.g. an even replicas.")
  public List<String> warnings = new ArrayList<>();

  /** The ensemble's life cycle, most urgent first when several apply. */
  public enum Phase {
    Creating,
    Running,
    Scaling,
    Upgrading,
    Degraded
  }

  /** One member, from its pod and its admin endpoint. */
  public static class Member {
    public String pod;
    public long myid;

    @JsonPropertyDescription(
        "leader, follower, observer, looking, or unknown if it did not answer.")
    public String role;

    public boolean ready;

    @JsonPropertyDescription("The last zxid the member processed, hex (0x...).")
    public String zxid;

    public Member() {}

    public Member(String pod, long myid, String role, boolean ready, String zxid) {
      this.pod = pod;
      this.myid = myid;
      this.role = role;
      this.ready = ready;
      this.zxid = zxid;
    }
  }
}

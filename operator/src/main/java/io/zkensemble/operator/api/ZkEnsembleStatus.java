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

  @JsonPropertyDescription(
      "The ensemble's configuration (its members, as ZooKeeper's /zookeeper/config) as the"
          + " operator last saw it in force, or the bootstrap configuration until the ensemble"
          + " first formed. Members that start begin from it.")
  public MembershipStatus membership;

  @JsonPropertyDescription(
      "Participant pods the operator keeps now: it changes one at a time towards spec.replicas.")
  public Integer replicas;

  @JsonPropertyDescription("Observer pods the operator keeps now, towards spec.observers.")
  public Integer observers;

  @JsonPropertyDescription(
      "The node image every member runs; during a roll, still the one from before it.")
  public String image;

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

  /** A configuration of the ensemble. */
  public static class MembershipStatus {
    @JsonPropertyDescription("Its version in hex: the zxid of the reconfig that made it, or 0.")
    public String version;

    @JsonPropertyDescription("Its server.N lines.")
    public List<String> servers = new ArrayList<>();

    public MembershipStatus() {}

    public MembershipStatus(String version, List<String> servers) {
      this.version = version;
      this.servers = new ArrayList<>(servers);
    }
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

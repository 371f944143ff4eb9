package io.zkensemble.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.Map;
import java.util.TreeMap;

/** The zoo.cfg keys a user sets; defaults are Apache ZooKeeper's sample configuration. */
public class ConfigSpec {
  @JsonPropertyDescription("The time unit in milliseconds (zoo.cfg tickTime).")
  @Min(1)
  public int tickTime = 2000;

  @JsonPropertyDescription("Ticks a follower may take to connect and sync to the leader.")
  @Min(1)
  public int initLimit = 10;

  @JsonPropertyDescription("Ticks a follower may lag behind the leader.")
  @Min(1)
  public int syncLimit = 5;

  @JsonPropertyDescription("Transactions between snapshots.")
  @Min(2)
  public long snapCount = 100000;

  public AutopurgeSpec autopurge = new AutopurgeSpec();

  @JsonPropertyDescription("Connections one client IP may hold; 0 = no limit.")
  @Min(0)
  public int maxClientCnxns = 60;

  @JsonPropertyDescription(
      "Further zoo.cfg keys and values. Keys the operator sets itself (dataDir, myid,"
          + " server.N, clientPort, ...) are refused.")
  public Map<String, String> extra = new TreeMap<>();

  /** Apache's autopurge: old snapshots and logs removed in the background. */
  public static class AutopurgeSpec {
    @JsonPropertyDescription("Snapshots (and the logs they need) kept; at least 3.")
    @Min(3)
    public int snapRetainCount = 3;

    @JsonPropertyDescription(
        "Hours between purges; 0 turns it off. On by default here, unlike Apache, so a"
            + " volume does not fill up.")
    @Min(0)
    public int purgeInterval = 1;
  }
}

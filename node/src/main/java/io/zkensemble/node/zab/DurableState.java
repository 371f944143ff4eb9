package io.zkensemble.node.zab;

import java.util.List;

/**
 * What a server finds on its disk when it starts: its epochs and the end of its log. Its state
 * (tree) reflects every logged transaction, as after Apache's start-up replay.
 *
 * @param acceptedEpoch the acceptedEpoch file (0 when there is none)
 * @param currentEpoch the currentEpoch file (0 when there is none)
 * @param lastLoggedZxid the last logged transaction's zxid, or the snapshot's when the log holds
 *     none after it (0 for an empty data directory)
 * @param snapshotZxid the zxid of the newest snapshot: the state cannot be rolled back below it
 * @param recentEntries the last logged transactions after the snapshot, oldest first, ending at
 *     lastLoggedZxid (at most the history limit; may be empty)
 */
public record DurableState(
    long acceptedEpoch,
    long currentEpoch,
    long lastLoggedZxid,
    long snapshotZxid,
    List<Entry> recentEntries) {

  public DurableState {
    recentEntries = List.copyOf(recentEntries);
    if (acceptedEpoch < currentEpoch) {
      throw new IllegalArgumentException(
          "acceptedEpoch " + acceptedEpoch + " is below currentEpoch " + currentEpoch);
    }
    // A learner logs what its leader sends during sync before it takes the new epoch as current,
    // so the log may run into the accepted epoch, never beyond.
    if (Zxid.epoch(lastLoggedZxid) > acceptedEpoch) {
      throw new IllegalArgumentException(
          "the log ends at "
              + Zxid.hex(lastLoggedZxid)
              + ", in an epoch after acceptedEpoch "
              + acceptedEpoch);
    }
    if (!recentEntries.isEmpty()
        && recentEntries.get(recentEntries.size() - 1).zxid() != lastLoggedZxid) {
      throw new IllegalArgumentException("recentEntries must end at lastLoggedZxid");
    }
    if (snapshotZxid > lastLoggedZxid
        || (!recentEntries.isEmpty() && recentEntries.get(0).zxid() <= snapshotZxid)) {
      throw new IllegalArgumentException("the log after the snapshot must follow it");
    }
  }

  /** An empty data directory. */
  public static DurableState empty() {
    return new DurableState(0, 0, 0, 0, List.of());
  }
}

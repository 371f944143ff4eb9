package io.zkensemble.node.zab;

/**
 * What leader and learners say to each other over their quorum connection: Apache's QuorumPacket
 * types (Leader.java) with their fields decoded. The core never sees bytes; {@code quorum/}
 * translates these to and from QuorumPackets.
 */
public sealed interface Message {
  /** Apache's packet type number. */
  int type();

  /**
   * FOLLOWERINFO (11) or OBSERVERINFO (16), the learner's first packet: its accepted epoch (zxid
   * field, epoch << 32) and LearnerInfo (sid, protocol version 0x10000, config version).
   */
  record LearnerInfo(boolean observer, long acceptedEpoch, long sid, long configVersion)
      implements Message {
    @Override
    public int type() {
      return observer ? 16 : 11;
    }
  }

  /** LEADERINFO (17): the epoch the leader proposes (zxid field, epoch << 32). */
  record LeaderInfo(long newEpoch) implements Message {
    @Override
    public int type() {
      return 17;
    }
  }

  /**
   * ACKEPOCH (18): the learner's last logged zxid and its current epoch, or -1 when it had already
   * accepted this epoch.
   */
  record AckEpoch(long lastLoggedZxid, long currentEpoch) implements Message {
    @Override
    public int type() {
      return 18;
    }
  }

  /** DIFF (13): the proposals that follow are what the learner misses; zxid is the leader's. */
  record Diff(long zxid) implements Message {
    @Override
    public int type() {
      return 13;
    }
  }

  /** TRUNC (14): drop every logged transaction after zxid. */
  record Trunc(long zxid) implements Message {
    @Override
    public int type() {
      return 14;
    }
  }

  /** SNAP (15): the leader's state at zxid, serialized by the adapter. */
  record Snap(long zxid, byte[] snapshot) implements Message {
    @Override
    public int type() {
      return 15;
    }
  }

  /** PROPOSAL (2). */
  record Proposal(Entry entry) implements Message {
    @Override
    public int type() {
      return 2;
    }
  }

  /** COMMIT (4). */
  record Commit(long zxid) implements Message {
    @Override
    public int type() {
      return 4;
    }
  }

  /**
   * COMMITANDACTIVATE (9): COMMIT of a reconfig, which activates its configuration; {@code
   * designatedLeader} (the data, a long) leads from now on.
   */
  record CommitAndActivate(long zxid, long designatedLeader) implements Message {
    @Override
    public int type() {
      return 9;
    }
  }

  /**
   * INFORMANDACTIVATE (19): INFORM of a reconfig to an observer; the data is the designated leader
   * (a long) followed by the transaction.
   */
  record InformAndActivate(Entry entry, long designatedLeader) implements Message {
    @Override
    public int type() {
      return 19;
    }
  }

  /** INFORM (8): a committed transaction, to an observer. */
  record Inform(Entry entry) implements Message {
    @Override
    public int type() {
      return 8;
    }
  }

  /** NEWLEADER (10): the end of the leader's history for the new epoch (zxid: epoch << 32). */
  record NewLeader(long zxid, String config) implements Message {
    @Override
    public int type() {
      return 10;
    }
  }

  /** ACK (3): of a proposal, of NEWLEADER (zxid epoch << 32) or after UPTODATE. */
  record Ack(long zxid) implements Message {
    @Override
    public int type() {
      return 3;
    }
  }

  /** UPTODATE (12): the new epoch's history is committed; start serving. */
  record UpToDate() implements Message {
    @Override
    public int type() {
      return 12;
    }
  }

  /**
   * PING (5): from the leader with its last proposed zxid; echoed by the learner, whose adapter
   * adds its sessions' touches to the data.
   */
  record Ping(long zxid, byte[] data) implements Message {
    @Override
    public int type() {
      return 5;
    }
  }

  /** REQUEST (1): a client request a learner forwards to the leader (Apache's bytes). */
  record Request(byte[] data) implements Message {
    @Override
    public int type() {
      return 1;
    }
  }

  /** SYNC (7): everything the leader had proposed when the learner asked is now committed. */
  record Sync() implements Message {
    @Override
    public int type() {
      return 7;
    }
  }
}

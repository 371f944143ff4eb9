package io.zkensemble.node.zab;

/**
 * A server's role, with the numbers Apache's election notifications carry (QuorumPeer.ServerState).
 */
public enum PeerState {
  LOOKING(0),
  FOLLOWING(1),
  LEADING(2),
  OBSERVING(3);

  public final int code;

  PeerState(int code) {
    this.code = code;
  }

  /** The state with this code, or null for a code Apache does not define. */
  public static PeerState ofCode(int code) {
    for (PeerState state : values()) {
      if (state.code == code) {
        return state;
      }
    }
    return null;
  }
}

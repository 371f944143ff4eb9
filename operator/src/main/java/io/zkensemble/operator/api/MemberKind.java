package io.zkensemble.operator.api;

/** The two kinds of member, each in a StatefulSet of its own. */
public enum MemberKind {
  PARTICIPANT("participant", 1),
  OBSERVER("observer", MemberIds.FIRST_OBSERVER);

  private final String label;
  private final long firstId;

  MemberKind(String label, long firstId) {
    this.label = label;
    this.firstId = firstId;
  }

  /** The value of the app.kubernetes.io/component label, and the type on the server line. */
  public String label() {
    return label;
  }

  /** The id of ordinal 0. */
  public long firstId() {
    return firstId;
  }

  /** How many of this kind an ensemble may have. */
  public int maxCount() {
    return this == PARTICIPANT ? MemberIds.MAX_PARTICIPANTS : MemberIds.MAX_OBSERVERS;
  }

  /** How many of this kind the spec asks for. */
  public int desiredCount(ZkEnsembleSpec spec) {
    return this == PARTICIPANT ? spec.replicas : spec.observers;
  }
}

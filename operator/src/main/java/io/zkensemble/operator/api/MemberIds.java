package io.zkensemble.operator.api;

/**
 * Server ids (myid) of members. Participants are 1..9 (StatefulSet ordinal + 1, at most 9 of them);
 * observers have their own range from 1001 (ordinal + 1001), so that participants and observers can
 * each grow without ever taking the other's ids.
 */
public final class MemberIds {
  /** The id of observer ordinal 0. */
  public static final long FIRST_OBSERVER = 1001;

  /** Keeps observer ids within 1001..1099. */
  public static final int MAX_OBSERVERS = 99;

  private MemberIds() {}

  /** The id of the member with this StatefulSet ordinal. */
  public static long of(MemberKind kind, int ordinal) {
    return kind.firstId() + ordinal;
  }
}

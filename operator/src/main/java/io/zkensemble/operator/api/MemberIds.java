package io.zkensemble.operator.api;

import java.util.Optional;

/**
 * Server ids (myid) of members. Participants are 1..9 (StatefulSet ordinal + 1, at most 9 of them);
 * observers have their own range from 1001 (ordinal + 1001), so that participants and observers can
 * each grow without ever taking the other's ids.
 */
public final class MemberIds {
  /** The id of observer ordinal 0. */
  public static final long FIRST_OBSERVER = 1001;

  /** Keeps participant ids within 1..9. */
  public static final int MAX_PARTICIPANTS = 9;

  /** Keeps observer ids within 1001..1099. */
  public static final int MAX_OBSERVERS = 99;

  private MemberIds() {}

  /** The id of the member with this StatefulSet ordinal. */
  public static long of(MemberKind kind, int ordinal) {
    return kind.firstId() + ordinal;
  }

  /** The kind of member an id belongs to; empty for ids no pod of this operator can have. */
  public static Optional<MemberKind> kindOf(long id) {
    for (MemberKind kind : MemberKind.values()) {
      long ordinal = id - kind.firstId();
      if (ordinal >= 0 && ordinal < kind.maxCount()) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The StatefulSet ordinal of the member with this id, of the kind {@link #kindOf} gives. */
  public static int ordinal(long id) {
    MemberKind kind = kindOf(id).orElseThrow(() -> new IllegalArgumentException("id " + id));
    return (int) (id - kind.firstId());
  }
}

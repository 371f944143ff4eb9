package io.zkensemble.node.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Live sessions and their expiry, in tick buckets as Apache's SessionTrackerImpl and ExpiryQueue
 * keep them: a session touched at time t with timeout T expires at the first multiple of tickTime
 * after t + T. Owned by the request pipeline's thread; time comes from an injected millisecond
 * clock so that tests can drive it.
 */
public final class SessionTracker {
  private final int tickTime;
  private final LongSupplier clock;
  private final Map<Long, Session> sessions = new HashMap<>();
  private final Map<Long, Set<Session>> buckets = new HashMap<>();
  private long nextSessionId;
  private long nextExpiration;

  public SessionTracker(int tickTime, long myid, LongSupplier clock, long wallClockMillis) {
    this.tickTime = tickTime;
    this.clock = clock;
    this.nextSessionId = firstSessionId(myid, wallClockMillis);
    this.nextExpiration = roundUp(clock.getAsLong());
  }

  /**
   * Apache's SessionTrackerImpl.initializeNextSessionId: the server id in the high byte, a time
   * stamp below it, so that ids from different servers and restarts do not collide.
   */
  static long firstSessionId(long myid, long millis) {
    long id = ((millis << 24) >>> 8) | (myid << 56);
    return id == Long.MIN_VALUE ? id + 1 : id;
  }

  public long nextSessionId() {
    return nextSessionId++;
  }

  /** Starts tracking a session (new, or loaded from a snapshot) and sets its expiry. */
  public Session track(long id, int timeout) {
    Session session = sessions.computeIfAbsent(id, k -> new Session(id, timeout));
    session.timeout(timeout);
    reschedule(session);
    return session;
  }

  public Session get(long id) {
    return sessions.get(id);
  }

  /** Moves the session's expiry forward; false when it is unknown or closing. */
  public boolean touch(long id) {
    Session session = sessions.get(id);
    if (session == null || session.isClosing()) {
      return false;
    }
    reschedule(session);
    return true;
  }

  /** Server {@code owner} (a learner, or this leader) serves the session's client from now on. */
  public void setOwner(long id, long owner) {
    Session session = sessions.get(id);
    if (session != null) {
      session.owner(owner);
    }
  }

  /**
   * Apache's checkSession: a request through {@code owner} is accepted when the session has no
   * owner yet (it becomes {@code owner}) or has this one; false when it moved to another server.
   */
  public boolean checkOwner(long id, long owner) {
    Session session = sessions.get(id);
    if (session == null) {
      return true;
    }
    if (session.owner() == Session.NO_OWNER) {
      session.owner(owner);
    }
    return session.owner() == owner;
  }

  /** Marks a session whose close is under way: it accepts no more requests. */
  public void setClosing(long id) {
    Session session = sessions.get(id);
    if (session != null) {
      session.closing();
    }
  }

  public void remove(long id) {
    Session session = sessions.remove(id);
    if (session != null) {
      Set<Session> bucket = buckets.get(session.expiresAt());
      if (bucket != null) {
        bucket.remove(session);
      }
    }
  }

  /**
   * Tracks exactly {@code live}, each session's expiry starting now: a new leader takes over the
   * sessions of the replicated state (Apache's leader does the same from its database).
   */
  public void retainOnly(Map<Long, Integer> live) {
    for (Long id : List.copyOf(sessions.keySet())) {
      if (!live.containsKey(id)) {
        remove(id);
      }
    }
    live.forEach(this::track);
  }

  public int size() {
    return sessions.size();
  }

  /**
   * The live sessions by the time their bucket expires (this tracker's clock, ms), soonest first:
   * what Apache's dump shows as its session sets.
   */
  public SortedMap<Long, List<Long>> sessionsByExpiry() {
    SortedMap<Long, List<Long>> byExpiry = new TreeMap<>();
    buckets.forEach(
        (expiry, bucket) ->
            byExpiry.put(expiry, bucket.stream().map(Session::id).sorted().toList()));
    return byExpiry;
  }

  /** This tracker's clock, ms. */
  public long now() {
    return clock.getAsLong();
  }

  /** Sessions whose time is up, marked closing; the caller closes them through the write path. */
  public List<Session> expired() {
    long now = clock.getAsLong();
    List<Session> expired = new ArrayList<>();
    while (nextExpiration <= now) {
      Set<Session> bucket = buckets.remove(nextExpiration);
      if (bucket != null) {
        for (Session session : bucket) {
          session.closing();
          expired.add(session);
        }
      }
      nextExpiration += tickTime;
    }
    return expired;
  }

  /** Milliseconds until the next bucket is due. */
  public long millisToNextExpiration() {
    return Math.max(0, nextExpiration - clock.getAsLong());
  }

  private void reschedule(Session session) {
    long expiresAt = roundUp(clock.getAsLong() + session.timeout());
    if (expiresAt == session.expiresAt()) {
      return;
    }
    Set<Session> previous = buckets.get(session.expiresAt());
    if (previous != null) {
      previous.remove(session);
    }
    buckets.computeIfAbsent(expiresAt, t -> new LinkedHashSet<>()).add(session);
    session.expiresAt(expiresAt);
  }

  /** Apache's ExpiryQueue.roundToNextInterval. */
  private long roundUp(long time) {
    return (time / tickTime + 1) * tickTime;
  }
}

package io.zkensemble.node.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionTrackerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final SessionTracker tracker = new SessionTracker(100, 0, now::get, 1_700_000_000_000L);

  @Test
  void aSessionExpiresAtTheFirstTickAfterItsTimeout() {
    tracker.track(1, 250);
    // 1000 + 250 = 1250, rounded up to the next 100 ms tick: 1300.
    now.set(1_299);
    assertEquals(List.of(), ids(tracker.expired()));
    now.set(1_300);
    assertEquals(List.of(1L), ids(tracker.expired()));
    assertTrue(tracker.get(1).isClosing(), "an expired session takes no more requests");
  }

  @Test
  void touchingASessionMovesItsExpiry() {
    tracker.track(1, 200);
    now.set(1_150);
    assertTrue(tracker.touch(1));
    now.set(1_300);
    assertEquals(List.of(), ids(tracker.expired()));
    now.set(1_400);
    assertEquals(List.of(1L), ids(tracker.expired()));
    assertFalse(tracker.touch(1), "a closing session cannot be touched back to life");
  }

  @Test
  void aRemovedSessionNeverExpires() {
    tracker.track(1, 200);
    tracker.remove(1);
    now.set(10_000);
    assertEquals(List.of(), ids(tracker.expired()));
    assertFalse(tracker.touch(1));
  }

  @Test
  void sessionIdsCarryTheServerIdInTheHighByte() {
    assertEquals(7, SessionTracker.firstSessionId(7, 1_700_000_000_000L) >>> 56);
    assertEquals(0, SessionTracker.firstSessionId(0, 1_700_000_000_000L) >>> 56);
    SessionTracker five = new SessionTracker(100, 5, now::get, 1_700_000_000_000L);
    long first = five.nextSessionId();
    assertEquals(5, first >>> 56);
    assertEquals(first + 1, five.nextSessionId());
  }

  @Test
  void passwordsAreApachesSoAnyServerAcceptsThem() {
    long id = 0x1234_5678_9abcL;
    byte[] expected = new byte[16];
    new java.util.Random(id ^ 0xB3415C00L).nextBytes(expected);
    assertTrue(java.util.Arrays.equals(expected, SessionPasswords.generate(id)));
    assertTrue(SessionPasswords.matches(id, expected));
    assertFalse(SessionPasswords.matches(id + 1, expected));
    assertFalse(SessionPasswords.matches(0, SessionPasswords.generate(0)));
  }

  private static List<Long> ids(List<Session> sessions) {
    return sessions.stream().map(Session::id).toList();
  }
}

package io.zkensemble.node.quorum;

import io.zkensemble.node.wire.JuteException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of a learner's PING reply (Learner.ping): for each session its clients touched since the
 * last ping, the session id (long) and timeout (int), back to back. The leader renews each
 * (LearnerHandler reads pairs until the data ends).
 */
public final class SessionTouches {
  /** A session id (long) and its timeout (int). */
  private static final int TOUCH = 8 + 4;

  private SessionTouches() {}

  public static byte[] encode(Map<Long, Integer> timeoutBySession) {
    ByteBuffer data = ByteBuffer.allocate(timeoutBySession.size() * TOUCH);
    timeoutBySession.forEach((session, timeout) -> data.putLong(session).putInt(timeout));
    return data.array();
  }

  /**
   * The touches in {@code data}, in order; null (the data of a leader's PING) holds none. Throws
   * {@link JuteException} when the data ends inside a pair, where LearnerHandler fails.
   */
  public static Map<Long, Integer> decode(byte[] data) {
    Map<Long, Integer> touches = new LinkedHashMap<>();
    if (data == null) {
      return touches;
    }
    if (data.length % TOUCH != 0) {
      throw new JuteException("ping data of " + data.length + " bytes is not whole touches");
    }
    ByteBuffer in = ByteBuffer.wrap(data);
    while (in.hasRemaining()) {
      touches.put(in.getLong(), in.getInt());
    }
    return touches;
  }
}

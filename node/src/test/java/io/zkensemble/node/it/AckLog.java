package io.zkensemble.node.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * The writes of one crash-test cycle in the order they were sent and the replies their callbacks
 * gave; the acknowledged writes are the leading run of Ok replies. Thread-safe.
 */
final class AckLog {
  /** A write and its sequence number over the whole run. */
  record Issued(long seq, Write write) {}

  /** What a callback reported: the code, a created node's name, a Stat, a multi's results. */
  record Reply(Code code, String name, Stat stat, List<OpResult> results) {}

  /** Codes that leave a write's outcome unknown: the connection was lost or the client closed. */
  private static final Set<Code> UNKNOWN_OUTCOME = Set.of(Code.CONNECTIONLOSS, Code.SESSIONEXPIRED);

  private final List<Issued> issued = new ArrayList<>();
  private final List<Reply> replies = new ArrayList<>();
  private final List<String> outOfOrder = new ArrayList<>();
  private int replied;

  /** Records {@code write} as sent next; returns its index in this log. */
  synchronized int sent(Issued write) {
    issued.add(write);
    replies.add(null);
    return issued.size() - 1;
  }

  /** Records the reply to the write at {@code index}; replies must come in the order of sending. */
  synchronized void replied(int index, Reply reply) {
    if (index != replied) {
      outOfOrder.add(
          "the reply to write #"
              + issued.get(index).seq()
              + " came before the reply to write #"
              + issued.get(replied).seq());
    }
    replies.set(index, reply);
    replied++;
    notifyAll();
  }

  synchronized List<Issued> issued() {
    return List.copyOf(issued);
  }

  synchronized Reply reply(int index) {
    return replies.get(index);
  }

  /** Waits until every write sent has its reply; fails naming {@code where} after the deadline. */
  synchronized void awaitReplies(Duration deadline, String where) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (replied < issued.size()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            where
                + ": "
                + (issued.size() - replied)
                + " of "
                + issued.size()
                + " writes had no reply within "
                + deadline);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * The replies of the acknowledged writes (call once every write has its reply). Fails, naming
   * {@code where}, on a reply out of order, a reply that is neither Ok nor an unknown outcome, and
   * an Ok after an unknown outcome (a client on one connection cannot give that).
   */
  synchronized List<Reply> acknowledged(String where) {
    if (!outOfOrder.isEmpty()) {
      throw new AssertionError(where + ": " + String.join("; ", outOfOrder));
    }
    int acknowledged = 0;
    while (acknowledged < replies.size() && replies.get(acknowledged).code() == Code.OK) {
      acknowledged++;
    }
    for (int index = acknowledged; index < replies.size(); index++) {
      Code code = replies.get(index).code();
      if (!UNKNOWN_OUTCOME.contains(code)) {
        Issued write = issued.get(index);
        throw new AssertionError(
            String.format(
                "%s: write #%d (%s) got %s%s",
                where,
                write.seq(),
                write.write().describe(),
                code,
                code == Code.OK
                    ? " after write #" + issued.get(acknowledged).seq() + " had an unknown outcome"
                    : ", but every write is planned to succeed"));
      }
    }
    return List.copyOf(replies.subList(0, acknowledged));
  }
}

package io.zkensemble.node.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Runs one task on several threads that start together, and waits for all within a deadline. */
public final class Concurrently {
  /** How long a whole concurrent run may take: seconds normally, far less than this. */
  public static final Duration DEADLINE = Duration.ofSeconds(60);

  /** What participant {@code index} (0-based) does. */
  public interface Task {
    void run(int index) throws Exception;
  }

  private Concurrently() {}

  /**
   * Runs {@code task} on {@code participants} threads released together; fails the test with the
   * first failure, or with the stack of the first thread still running at the deadline. The other
   * threads are interrupted then, so that none outlives the test.
   */
  public static void run(int participants, Task task) throws InterruptedException {
    CyclicBarrier start = new CyclicBarrier(participants);
    List<Threads.Running<Void>> running = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      int index = i;
      running.add(
          Threads.start(
              "participant-" + index,
              () -> {
                start.await(Clients.WAIT_SECONDS, TimeUnit.SECONDS);
                task.run(index);
                return null;
              }));
    }
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try {
      for (Threads.Running<Void> participant : running) {
        participant.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } finally {
      for (Threads.Running<Void> participant : running) {
        participant.thread().interrupt();
      }
    }
  }
}

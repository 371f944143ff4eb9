package io.zkensemble.node.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Threads for tests whose participants block: each with a deadline, none left hanging. */
public final class Threads {
  private Threads() {}

  /** A thread computing a result. */
  public record Running<T>(Thread thread, FutureTask<T> result) {
    /** Whether the thread has finished (returned or thrown). */
    public boolean isDone() {
      return result.isDone();
    }

    /**
     * The thread's result; fails the test with the thread's stack if it does not finish within
     * {@code deadline} (and interrupts it), or with its exception if it threw.
     */
    public T await(Duration deadline) throws InterruptedException {
      try {
        return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        String stack = stack(thread);
        thread.interrupt();
        throw new AssertionError(
            thread.getName() + " did not finish within " + deadline + "; it was at:\n" + stack);
      } catch (ExecutionException e) {
        throw new AssertionError(thread.getName() + " failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /** Starts a daemon thread named {@code name} that runs {@code body}. */
  public static <T> Running<T> start(String name, Callable<T> body) {
    FutureTask<T> task = new FutureTask<>(body);
    Thread thread = Thread.ofPlatform().name(name).daemon().start(task);
    return new Running<>(thread, task);
  }

  /**
   * Waits until {@code thread} sits in {@code Object.wait} called from {@code owner}'s code (its
   * innermost frame outside the JDK is owner's): blocked by the recipe itself, past the requests it
   * made to set its watches, rather than waiting for a reply.
   */
  public static void awaitWaitingIn(Thread thread, Class<?> owner) {
    await(thread.getName() + " waiting in " + owner.getSimpleName())
        .atMost(Duration.ofSeconds(Clients.WAIT_SECONDS))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> isWaitingIn(thread.getStackTrace(), owner));
  }

  private static boolean isWaitingIn(StackTraceElement[] stack, Class<?> owner) {
    if (stack.length == 0
        || !stack[0].getClassName().equals(Object.class.getName())
        || !stack[0].getMethodName().startsWith("wait")) {
      return false;
    }
    Optional<String> caller =
        Arrays.stream(stack)
            .map(StackTraceElement::getClassName)
            .filter(name -> !name.startsWith("java.") && !name.startsWith("jdk."))
            .findFirst();
    return caller
        .filter(name -> name.equals(owner.getName()) || name.startsWith(owner.getName() + "$"))
        .isPresent();
  }

  private static String stack(Thread thread) {
    return Arrays.stream(thread.getStackTrace())
        .map(frame -> "\tat " + frame)
        .collect(Collectors.joining("\n"));
  }
}

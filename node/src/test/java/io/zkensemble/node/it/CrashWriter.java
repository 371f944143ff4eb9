package io.zkensemble.node.it;

import io.zkensemble.node.testing.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Sends a {@link WritePlanner}'s writes without pause through the Apache client's async API, up to
 * {@code window} of them in flight, recording each and its reply in an {@link AckLog}.
 */
final class CrashWriter {
  private final ZooKeeper zk;
  private final ModelTree planned;
  private final WritePlanner planner;
  private final AckLog log;
  private final int window;
  private final Semaphore inFlight;
  private final Duration deadline;
  private long nextSeq;
  private volatile boolean stopping;
  private Threads.Running<Void> thread;

  /**
   * A writer that starts from {@code tree} (copied) and numbers its writes from {@code firstSeq};
   * any wait for a reply fails after {@code deadline}.
   */
  CrashWriter(
      ZooKeeper zk,
      ModelTree tree,
      WritePlanner planner,
      AckLog log,
      int window,
      long firstSeq,
      Duration deadline) {
    this.zk = zk;
    this.planned = tree.copy();
    this.planner = planner;
    this.log = log;
    this.window = window;
    this.inFlight = new Semaphore(window);
    this.nextSeq = firstSeq;
    this.deadline = deadline;
  }

  /**
   * Sends the planner's first write (a create) alone and returns the zxid the server gave it;
   * fails, naming {@code where}, if it is not acknowledged.
   */
  long writeFirst(String where) throws InterruptedException {
    acquire();
    Write first = planner.first(planned, nextSeq);
    send(first);
    log.awaitReplies(deadline, where);
    AckLog.Reply reply = log.reply(0);
    if (reply.code() != Code.OK) {
      throw new AssertionError(
          where + ": the first write, " + first.describe() + ", failed with " + reply.code());
    }
    return reply.stat().getCzxid();
  }

  /** Starts sending writes on a thread of its own until {@link #stop}. */
  void start() {
    thread =
        Threads.start(
            "crash-writer",
            () -> {
              while (!stopping) {
                acquire();
                send(planner.next(planned, nextSeq));
              }
              return null;
            });
  }

  /**
   * Stops sending, if it started; the writes in flight still get their replies (or unknown
   * outcomes).
   */
  void stop() throws InterruptedException {
    stopping = true;
    if (thread != null) {
      thread.await(deadline);
    }
  }

  private void acquire() throws InterruptedException {
    if (!inFlight.tryAcquire(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the server answered none of the " + window + " writes in flight within " + deadline);
    }
  }

  private void send(Write write) {
    long seq = nextSeq++;
    planned.apply(write, Zxid.above(seq, 0));
    int index = log.sent(new AckLog.Issued(seq, write));
    Consumer<AckLog.Reply> done =
        reply -> {
          log.replied(index, reply);
          inFlight.release();
        };
    switch (write) {
      case Write.Create create ->
          zk.create(
              create.requestPath(),
              Write.bytes(create.data()),
              ZooDefs.Ids.OPEN_ACL_UNSAFE,
              create.sequential() ? CreateMode.PERSISTENT_SEQUENTIAL : CreateMode.PERSISTENT,
              (rc, path, ctx, name, stat) ->
                  done.accept(new AckLog.Reply(Code.get(rc), name, stat, List.of())),
              null);
      case Write.SetData setData ->
          zk.setData(
              setData.path(),
              Write.bytes(setData.data()),
              setData.expectedVersion(),
              (rc, path, ctx, stat) ->
                  done.accept(new AckLog.Reply(Code.get(rc), null, stat, List.of())),
              null);
      case Write.Delete delete ->
          zk.delete(
              delete.path(),
              delete.expectedVersion(),
              (rc, path, ctx) -> done.accept(new AckLog.Reply(Code.get(rc), null, null, List.of())),
              null);
      case Write.Multi multi ->
          zk.multi(
              multi.writes().stream().map(CrashWriter::op).toList(),
              (rc, path, ctx, results) ->
                  done.accept(
                      new AckLog.Reply(
                          Code.get(rc), null, null, results == null ? List.of() : results)),
              null);
    }
  }

  private static Op op(Write write) {
    return switch (write) {
      case Write.Create create ->
          Op.create(
              create.path(),
              Write.bytes(create.data()),
              ZooDefs.Ids.OPEN_ACL_UNSAFE,
              CreateMode.PERSISTENT);
      case Write.SetData setData ->
          Op.setData(setData.path(), Write.bytes(setData.data()), setData.expectedVersion());
      case Write.Delete delete -> Op.delete(delete.path(), delete.expectedVersion());
      case Write.Multi multi -> throw new IllegalArgumentException("a multi inside a multi");
    };
  }
}

package io.zkensemble.node.it;

import static org.awaitility.Awaitility.await;

import io.zkensemble.node.testing.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;

/**
 * One Apache client session, connected to every server of an ensemble, that writes under its root
 * through the async API and keeps every write it sent with its outcome: acknowledged with the zxid
 * of its reply (a create's Stat, a setData's Stat), or unknown (the connection was lost first).
 *
 * <p>Each write either creates a new node {@code root/n<seq>} or sets the data of a node whose
 * create was acknowledged (any version); every write's data is unique ({@code w<seq>:} and a
 * filler), so the data a server shows names the write that put it there. Either a steady load
 * ({@link #startSteady}) or a counted batch ({@link #write}); while the session is disconnected
 * nothing is sent.
 */
final class EnsembleLoad implements AutoCloseable {
  /** The steady load sends a write at most this often (100 a second). */
  private static final Duration PERIOD = Duration.ofMillis(10);

  /** Share of setData among the writes, once a create was acknowledged. */
  private static final int SET_DATA_PERCENT = 40;

  /** Up to this many filler characters per write, so snapshots carry some data. */
  private static final int MAX_FILLER = 400;

  /** Outlives every failover and restart of a test (tickTime 2000 allows 4 to 40 s). */
  private static final int SESSION_TIMEOUT_MILLIS = 30_000;

  private static final String FILLER_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** What a write does. */
  enum Kind {
    CREATE,
    SET_DATA
  }

  /** A write as sent: its number in this load, what it does, where, and the data it writes. */
  record Sent(int seq, Kind kind, String path, String data) {
    String describe() {
      return "write #"
          + seq
          + " ("
          + (kind == Kind.CREATE ? "create " : "setData ")
          + path
          + " '"
          + data.substring(0, data.indexOf(':') + 1)
          + "...')";
    }
  }

  /** A write's outcome: the reply's code and, when acknowledged, the zxid the reply gave. */
  record Outcome(Code code, long zxid) {
    boolean acknowledged() {
      return code == Code.OK;
    }
  }

  private final String root;
  private final Random random;
  private final int windowSize;
  private final Semaphore window;
  private final List<Sent> sent = new ArrayList<>();
  private final List<Outcome> outcomes = new ArrayList<>();
  private final List<String> created = new ArrayList<>();
  private final ScheduledExecutorService pacer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("ensemble-load").daemon().unstarted(runnable));
  private final ZooKeeper zk;
  private int replied;
  private int acknowledged;
  private volatile boolean connected;
  private volatile boolean expired;
  private volatile Throwable failure;
  private ScheduledFuture<?> steady;

  private EnsembleLoad(String connectString, String root, Random random, int windowSize) {
    this.root = root;
    this.random = random;
    this.windowSize = windowSize;
    this.window = new Semaphore(windowSize);
    ZKClientConfig config = new ZKClientConfig();
    config.setProperty(
        ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, String.valueOf(Ensemble.DEADLINE.toMillis()));
    this.zk = Clients.connect(connectString, SESSION_TIMEOUT_MILLIS, this::stateChanged, config);
  }

  /**
   * A session on {@code connectString} that writes under {@code root} (created here), its draws
   * from {@code random}, with up to {@code window} writes in flight.
   */
  static EnsembleLoad connect(String connectString, String root, Random random, int window)
      throws KeeperException, InterruptedException {
    EnsembleLoad load = new EnsembleLoad(connectString, root, random, window);
    load.zk.create(root, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    return load;
  }

  String root() {
    return root;
  }

  /** Starts sending writes at a steady pace, up to the window in flight, until stopped. */
  void startSteady() {
    steady =
        pacer.scheduleAtFixedRate(
            () -> {
              try {
                if (connected && window.tryAcquire()) {
                  sendNext();
                }
              } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
              }
            },
            0,
            PERIOD.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  /** Stops the steady load and waits until every write sent has its outcome. */
  void stopSteady(String where) throws InterruptedException {
    steady.cancel(false);
    try {
      // The pacer has one thread: once this no-op ran, no write is being sent any more.
      pacer.submit(() -> {}).get(Ensemble.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(where + ": the load did not stop", e);
    }
    throwIfFailed(where);
    awaitReplies(where);
  }

  /** Sends writes until {@code count} more are acknowledged; waits for every outcome. */
  void write(int count, String where) throws InterruptedException {
    int target = acknowledged() + count;
    for (int missing = count; missing > 0; missing = target - acknowledged()) {
      for (int i = 0; i < missing; i++) {
        if (!window.tryAcquire(Ensemble.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError(
              where + ": none of " + windowSize + " writes answered within " + Ensemble.DEADLINE);
        }
        awaitConnected(where);
        sendNext();
      }
      awaitReplies(where);
    }
  }

  /** How many writes were sent so far: the next write's number. */
  synchronized int sentCount() {
    return sent.size();
  }

  synchronized int acknowledged() {
    return acknowledged;
  }

  /** How many of the writes numbered {@code seq} and on were acknowledged. */
  synchronized int acknowledgedFrom(int seq) {
    int count = 0;
    for (int index = seq; index < outcomes.size(); index++) {
      Outcome outcome = outcomes.get(index);
      if (outcome != null && outcome.acknowledged()) {
        count++;
      }
    }
    return count;
  }

  /**
   * Waits until {@code count} writes numbered {@code seq} or later are acknowledged: writes sent
   * from then on commit. Fails after the deadline with {@code state} (e.g. the ensemble's).
   */
  void awaitAcknowledgedFrom(int seq, int count, String where, Supplier<String> state) {
    try {
      await(where + ": " + count + " writes from #" + seq + " acknowledged")
          .atMost(Ensemble.DEADLINE)
          .pollInterval(Duration.ofMillis(50))
          .failFast("the session expired", () -> expired)
          .failFast("the load failed", () -> failure != null)
          .until(() -> acknowledgedFrom(seq) >= count);
    } catch (org.awaitility.core.ConditionTimeoutException
        | org.awaitility.core.TerminalFailureException e) {
      throw new AssertionError(
          e.getMessage() + " (" + acknowledgedFrom(seq) + " were)\n" + state.get(), e);
    }
  }

  /** Every write sent, in order (numbered from 0); call once every outcome is in. */
  synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Every write's outcome, in the order of {@link #sent()}; call once every outcome is in. */
  synchronized List<Outcome> outcomes() {
    if (replied < sent.size()) {
      throw new IllegalStateException((sent.size() - replied) + " writes have no outcome yet");
    }
    return List.copyOf(outcomes);
  }

  /** Closes the session (the writes and outcomes stay readable). */
  @Override
  public void close() throws InterruptedException {
    pacer.shutdownNow();
    zk.close();
  }

  private void stateChanged(WatchedEvent event) {
    switch (event.getState()) {
      case SyncConnected -> connected = true;
      case Disconnected -> connected = false;
      case Expired -> {
        connected = false;
        expired = true;
      }
      default -> {}
    }
  }

  private void awaitConnected(String where) {
    if (connected) {
      return;
    }
    await(where + ": the load's session connected")
        .atMost(Ensemble.DEADLINE)
        .pollInterval(Duration.ofMillis(20))
        .failFast("the session expired", () -> expired)
        .until(() -> connected);
  }

  private synchronized void awaitReplies(String where) throws InterruptedException {
    long end = System.nanoTime() + Ensemble.DEADLINE.toNanos();
    while (replied < sent.size()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            where
                + ": "
                + (sent.size() - replied)
                + " of "
                + sent.size()
                + " writes had no outcome within "
                + Ensemble.DEADLINE);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (expired) {
      throw new AssertionError(where + ": the load's session expired");
    }
  }

  /** Draws, records and sends the next write; the caller holds a window permit. */
  private synchronized void sendNext() {
    int seq = sent.size();
    boolean setData = !created.isEmpty() && random.nextInt(100) < SET_DATA_PERCENT;
    String path =
        setData
            ? created.get(random.nextInt(created.size()))
            : String.format("%s/n%07d", root, seq);
    Sent write = new Sent(seq, setData ? Kind.SET_DATA : Kind.CREATE, path, data(seq));
    sent.add(write);
    outcomes.add(null);
    byte[] bytes = write.data().getBytes(StandardCharsets.UTF_8);
    if (setData) {
      zk.setData(
          path,
          bytes,
          -1,
          (AsyncCallback.StatCallback) (rc, p, ctx, stat) -> replied(seq, rc, stat),
          null);
    } else {
      zk.create(
          path,
          bytes,
          ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT,
          (AsyncCallback.Create2Callback) (rc, p, ctx, name, stat) -> replied(seq, rc, stat),
          null);
    }
  }

  private String data(int seq) {
    StringBuilder data = new StringBuilder("w").append(seq).append(':');
    int length = random.nextInt(MAX_FILLER + 1);
    for (int i = 0; i < length; i++) {
      data.append(FILLER_CHARS.charAt(random.nextInt(FILLER_CHARS.length())));
    }
    return data.toString();
  }

  private synchronized void replied(int seq, int rc, Stat stat) {
    Code code = Code.get(rc);
    Sent write = sent.get(seq);
    long zxid = -1;
    if (code == Code.OK) {
      if (stat == null) {
        failure = new AssertionError(write.describe() + " was acknowledged without a Stat");
      } else {
        zxid = write.kind() == Kind.CREATE ? stat.getCzxid() : stat.getMzxid();
      }
      acknowledged++;
      if (write.kind() == Kind.CREATE) {
        created.add(write.path());
      }
    }
    outcomes.set(seq, new Outcome(code, zxid));
    replied++;
    window.release();
    notifyAll();
  }

  private void throwIfFailed(String where) {
    if (failure != null) {
      throw new AssertionError(where + ": the load failed: " + failure, failure);
    }
  }
}

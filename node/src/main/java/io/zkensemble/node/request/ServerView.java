package io.zkensemble.node.request;

import io.zkensemble.node.stats.Summary;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.watch.Watcher;
import io.zkensemble.node.txn.ZkDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the admin commands may read of the pipeline's state. Valid only on the pipeline's thread,
 * inside a {@link RequestPipeline#inspect} callback: whatever leaves the callback must be a copy.
 */
public final class ServerView {
  private final RequestPipeline pipeline;
  private final ZkDatabase db;
  private final DataTree tree;

  ServerView(RequestPipeline pipeline, ZkDatabase db) {
    this.pipeline = pipeline;
    this.db = db;
    this.tree = db.tree();
  }

  public RequestPipeline.Figures figures() {
    return pipeline.figures();
  }

  public List<ConnectionView> connections() {
    List<ConnectionView> views = new ArrayList<>();
    for (Conversation c : pipeline.conversations()) {
      views.add(
          new ConnectionView(
              c.link.remoteAddress(),
              c.queue.size() + c.awaiting.size(),
              c.received,
              c.sent,
              c.established ? c.sessionId : 0,
              c.lastOp,
              c.connectedAt,
              c.timeout,
              c.lastCxid,
              c.lastZxid,
              c.lastResponseMillis,
              c.lastLatency,
              c.answered == 0 ? 0 : c.minLatency,
              c.answered == 0 ? 0 : c.totalLatency / c.answered,
              c.maxLatency));
    }
    return views;
  }

  /** The data watches (as Apache's wchc shows them): each session's watched paths. */
  public SortedMap<Long, List<String>> dataWatchesBySession() {
    SortedMap<Long, List<String>> bySession = new TreeMap<>();
    tree.dataWatchesByWatcher()
        .forEach(
            (watcher, paths) -> {
              if (watcher instanceof Conversation c) {
                bySession.computeIfAbsent(c.sessionId, id -> new ArrayList<>()).addAll(paths);
              }
            });
    return bySession;
  }

  /** The data watches by path (wchp): the sessions watching each path. */
  public Map<String, List<Long>> dataWatchesByPath() {
    Map<String, List<Long>> byPath = new LinkedHashMap<>();
    for (Map.Entry<String, Set<Watcher>> entry : tree.dataWatchesByPath().entrySet()) {
      List<Long> sessions = new ArrayList<>();
      for (Watcher watcher : entry.getValue()) {
        if (watcher instanceof Conversation c) {
          sessions.add(c.sessionId);
        }
      }
      byPath.put(entry.getKey(), sessions);
    }
    return byPath;
  }

  /** The number of connections with data watches and of data watches (wchs). */
  public int watchingConnections() {
    return tree.dataWatchesByWatcher().size();
  }

  public int dataWatches() {
    int total = 0;
    for (Set<String> paths : tree.dataWatchesByWatcher().values()) {
      total += paths.size();
    }
    return total;
  }

  /** Sessions by expiry time, wall clock ms (leader and standalone only; empty elsewhere). */
  public SortedMap<Long, List<Long>> sessionsByExpiry() {
    return pipeline.sessionsByExpiryWallClock();
  }

  /** The replicated sessions and their timeouts, as a learner knows them. */
  public SortedMap<Long, Integer> globalSessions() {
    return new TreeMap<>(db.sessionTimeouts());
  }

  /** Each session that owns ephemeral nodes, with their paths. */
  public SortedMap<Long, List<String>> ephemerals() {
    SortedMap<Long, List<String>> bySession = new TreeMap<>();
    for (long session : tree.ephemeralOwners()) {
      bySession.put(session, tree.ephemerals(session));
    }
    return bySession;
  }

  public int ephemeralCount() {
    return tree.ephemeralCount();
  }

  public int watchCount() {
    return tree.watchCount();
  }

  public long approximateDataSize() {
    return tree.approximateDataSize();
  }

  public int globalSessionCount() {
    return db.sessionTimeouts().size();
  }

  public Summary.Snapshot readLatency() {
    return pipeline.stats().readLatency();
  }

  public Summary.Snapshot updateLatency() {
    return pipeline.stats().updateLatency();
  }

  public Map<String, Summary.Snapshot> latencyByOp() {
    return pipeline.stats().latencyByOp();
  }

  /** srst: resets the request counters and latency. */
  public void resetServerStats() {
    pipeline.stats().reset();
  }

  /** crst: resets every connection's counters and latency. */
  public void resetConnectionStats() {
    pipeline.conversations().forEach(Conversation::resetStats);
  }
}

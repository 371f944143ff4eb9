package io.zkensemble.node.request;

import io.vertx.core.Context;
import io.zkensemble.node.config.ServerOptions;
import io.zkensemble.node.tree.DataNode;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.proto.DeleteContainerRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Deletes empty container nodes and expired TTL nodes, as Apache's ContainerManager does: every
 * checkIntervalMs it lists the candidates (a container without children that once had one, or never
 * had one for maxNeverUsedIntervalMs; a TTL node without children whose mtime is older than its
 * ttl) and deletes them one by one, at most maxPerMinute a minute, each as a deleteContainer write
 * through the normal write path. Runs on the pipeline's thread.
 */
final class ContainerReaper {
  private static final Logger LOG = Logger.getLogger(ContainerReaper.class);

  private final DataTree tree;
  private final ServerOptions options;
  private final Context context;
  private final BiConsumer<Integer, JuteRecord> write;

  private final ArrayDeque<String> candidates = new ArrayDeque<>();
  private long timer = -1;
  private boolean stopped;

  ContainerReaper(
      DataTree tree,
      ServerOptions options,
      Context context,
      BiConsumer<Integer, JuteRecord> write) {
    this.tree = tree;
    this.options = options;
    this.context = context;
    this.write = write;
  }

  void start() {
    schedule(options.containerCheckIntervalMs(), this::check);
  }

  void stop() {
    stopped = true;
    if (timer != -1) {
      context.owner().cancelTimer(timer);
    }
  }

  private void check() {
    candidates.clear();
    candidates.addAll(candidates());
    deleteNext();
  }

  /** Deletes one candidate, then waits 60 s / maxPerMinute before the next. */
  private void deleteNext() {
    String path = candidates.poll();
    if (path == null) {
      schedule(options.containerCheckIntervalMs(), this::check);
      return;
    }
    LOG.infof("Attempting to delete candidate container: %s", path);
    write.accept(OpCode.DELETE_CONTAINER, new DeleteContainerRequest(path));
    schedule(Math.max(1, 60_000L / options.containerMaxPerMinute()), this::deleteNext);
  }

  private List<String> candidates() {
    long now = System.currentTimeMillis();
    List<String> found = new ArrayList<>();
    for (String path : tree.containers()) {
      DataNode node = tree.node(path);
      if (node == null || node.numChildren() > 0) {
        continue;
      }
      // cversion > 0: it once had a child (a new, still empty container is left alone).
      boolean used = node.storedCversion() > 0;
      long neverUsed = options.containerMaxNeverUsedIntervalMs();
      if (used || (neverUsed != 0 && now - node.mtime() > neverUsed)) {
        found.add(path);
      }
    }
    for (String path : tree.ttlNodes()) {
      DataNode node = tree.node(path);
      if (node != null && node.numChildren() == 0) {
        long ttl = EphemeralType.ttl(node.ephemeralOwner());
        if (ttl != 0 && now - node.mtime() > ttl) {
          found.add(path);
        }
      }
    }
    return found;
  }

  private void schedule(long delayMs, Runnable task) {
    if (stopped) {
      return;
    }
    timer = context.owner().setTimer(delayMs, id -> task.run());
  }
}

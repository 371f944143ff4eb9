package io.zkensemble.operator.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/**
 * Checks, on one member directly (not through the Service), that every write the writer saw
 * acknowledged is there with its data, after a sync with the leader.
 */
final class AcknowledgedWrites {
  private static final int SESSION_TIMEOUT_MILLIS = 30_000;

  private AcknowledgedWrites() {}

  /**
   * @param member {@code ip:clientPort} of the member
   * @return what is wrong, empty when every acknowledged write is there
   */
  static List<String> missing(String member, List<Long> acknowledged) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    try (ZooKeeper zk =
        new ZooKeeper(
            member,
            SESSION_TIMEOUT_MILLIS,
            event -> {
              if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
              }
            })) {
      if (!connected.await(60, TimeUnit.SECONDS)) {
        return List.of(member + " does not accept a client");
      }
      CompletableFuture<Integer> synced = new CompletableFuture<>();
      zk.sync(Writer.ROOT, (rc, path, ctx) -> synced.complete(rc), null);
      int rc = synced.get(60, TimeUnit.SECONDS);
      if (rc != KeeperException.Code.OK.intValue()) {
        return List.of(member + ": sync failed: " + KeeperException.Code.get(rc));
      }
      Set<String> children = new HashSet<>(zk.getChildren(Writer.ROOT, false));
      List<String> problems = new ArrayList<>();
      List<CompletableFuture<String>> reads = new ArrayList<>();
      for (long n : acknowledged) {
        String name = Writer.path(n).substring(Writer.ROOT.length() + 1);
        if (!children.contains(name)) {
          problems.add(member + " lacks acknowledged " + Writer.path(n));
          continue;
        }
        CompletableFuture<String> read = new CompletableFuture<>();
        zk.getData(
            Writer.path(n),
            false,
            (code, path, ctx, data, stat) -> {
              String expected = new String(Writer.data(n), StandardCharsets.UTF_8);
              String found = data == null ? null : new String(data, StandardCharsets.UTF_8);
              read.complete(
                  code == KeeperException.Code.OK.intValue() && expected.equals(found)
                      ? null
                      : member + ": " + path + " holds " + found + " (" + code + ")");
            },
            null);
        reads.add(read);
      }
      for (CompletableFuture<String> read : reads) {
        String problem = read.get(60, TimeUnit.SECONDS);
        if (problem != null) {
          problems.add(problem);
        }
      }
      return problems;
    }
  }
}

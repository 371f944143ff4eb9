package io.zkensemble.node.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * Drives one Apache client through async calls and writes down, in the order the client delivers
 * them, every result and watch event: the same scenario run against Apache ZooKeeper and against
 * our node must give the same lines. Times are left out; session ids become s1, s2, ...
 */
public final class Transcript {
  private final ZooKeeper zk;
  private final List<String> lines = new ArrayList<>();
  private final Map<Long, String> sessionNames;
  private final Watcher watcher;

  /**
   * A transcript of one client; {@code sessionNames} is shared by the clients of one run so that
   * each names the others' sessions the same way.
   */
  public Transcript(ZooKeeper zk, Map<Long, String> sessionNames) {
    this.zk = zk;
    this.sessionNames = sessionNames;
    sessionNames.computeIfAbsent(zk.getSessionId(), id -> "s" + (sessionNames.size() + 1));
    this.watcher = this::event;
  }

  public static Map<Long, String> sessionNames() {
    return new ConcurrentHashMap<>();
  }

  /** What this client saw, in order; call after a last synchronous call on it. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  public ZooKeeper client() {
    return zk;
  }

  private String me() {
    return sessionNames.get(zk.getSessionId());
  }

  private synchronized void add(String line) {
    lines.add(me() + ": " + line);
  }

  /**
   * Node events only: connection state events (type None) say what the client did with its socket,
   * and the Closed one comes after close() at a time no test can pin down.
   */
  private void event(WatchedEvent event) {
    if (event.getType() != Watcher.Event.EventType.None) {
      add("event " + event.getType() + " " + event.getPath());
    }
  }

  public void create(String path, String data, CreateMode mode) {
    create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, mode);
  }

  public void create(String path, String data, List<ACL> acl, CreateMode mode) {
    await(
        done ->
            zk.create(
                path,
                data == null ? null : data.getBytes(),
                acl,
                mode,
                (AsyncCallback.Create2Callback)
                    (rc, p, ctx, name, stat) -> {
                      add(
                          "create "
                              + p
                              + " "
                              + mode
                              + " -> "
                              + Code.get(rc)
                              + " "
                              + name
                              + stat(stat));
                      done.complete(null);
                    },
                null));
  }

  /** create (op 1) rather than create2: the reply has the name only. */
  public void createV1(String path, String data, CreateMode mode) {
    await(
        done ->
            zk.create(
                path,
                data.getBytes(),
                ZooDefs.Ids.OPEN_ACL_UNSAFE,
                mode,
                (AsyncCallback.StringCallback)
                    (rc, p, ctx, name) -> {
                      add("create1 " + p + " -> " + Code.get(rc) + " " + name);
                      done.complete(null);
                    },
                null));
  }

  public void delete(String path, int version) {
    await(
        done ->
            zk.delete(
                path,
                version,
                (rc, p, ctx) -> {
                  add("delete " + p + " v" + version + " -> " + Code.get(rc));
                  done.complete(null);
                },
                null));
  }

  public void setData(String path, String data, int version) {
    await(
        done ->
            zk.setData(
                path,
                data.getBytes(),
                version,
                (rc, p, ctx, stat) -> {
                  add("setData " + p + " v" + version + " -> " + Code.get(rc) + stat(stat));
                  done.complete(null);
                },
                null));
  }

  public void exists(String path, boolean watch) {
    await(
        done ->
            zk.exists(
                path,
                watch ? watcher : null,
                (rc, p, ctx, stat) -> {
                  add("exists " + p + " -> " + Code.get(rc) + stat(stat));
                  done.complete(null);
                },
                null));
  }

  public void getData(String path, boolean watch) {
    await(
        done ->
            zk.getData(
                path,
                watch ? watcher : null,
                (rc, p, ctx, data, stat) -> {
                  String text = data == null ? "null" : "'" + new String(data) + "'";
                  add("getData " + p + " -> " + Code.get(rc) + " " + text + stat(stat));
                  done.complete(null);
                },
                null));
  }

  public void getChildren(String path, boolean watch) {
    await(
        done ->
            zk.getChildren(
                path,
                watch ? watcher : null,
                (AsyncCallback.ChildrenCallback)
                    (rc, p, ctx, children) -> {
                      add("getChildren " + p + " -> " + Code.get(rc) + " " + sorted(children));
                      done.complete(null);
                    },
                null));
  }

  public void getChildren2(String path, boolean watch) {
    await(
        done ->
            zk.getChildren(
                path,
                watch ? watcher : null,
                (AsyncCallback.Children2Callback)
                    (rc, p, ctx, children, stat) -> {
                      add(
                          "getChildren2 "
                              + p
                              + " -> "
                              + Code.get(rc)
                              + " "
                              + sorted(children)
                              + stat(stat));
                      done.complete(null);
                    },
                null));
  }

  public void sync(String path) {
    await(
        done ->
            zk.sync(
                path,
                (rc, p, ctx) -> {
                  add("sync " + p + " -> " + Code.get(rc));
                  done.complete(null);
                },
                null));
  }

  /** Starts setData without waiting: its reply and any event it causes land in order later. */
  public CompletableFuture<Void> setDataAsync(String path, String data) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    zk.setData(
        path,
        data.getBytes(),
        -1,
        (rc, p, ctx, stat) -> {
          add("setData " + p + " -> " + Code.get(rc) + stat(stat));
          done.complete(null);
        },
        null);
    return done;
  }

  /** multi (or multiRead, when every op is a read), with each op's result. */
  public void multi(List<Op> ops) {
    await(
        done ->
            zk.multi(
                ops,
                (rc, p, ctx, results) -> {
                  List<String> described =
                      results == null ? null : results.stream().map(this::result).toList();
                  add("multi -> " + Code.get(rc) + " " + described);
                  done.complete(null);
                },
                null));
  }

  private String result(OpResult result) {
    return switch (result) {
      case OpResult.CreateResult create -> "create " + create.getPath() + stat(create.getStat());
      case OpResult.SetDataResult set -> "setData" + stat(set.getStat());
      case OpResult.DeleteResult delete -> "delete";
      case OpResult.CheckResult check -> "check";
      case OpResult.ErrorResult error -> "error " + Code.get(error.getErr());
      case OpResult.GetDataResult get ->
          "getData '" + new String(get.getData()) + "'" + stat(get.getStat());
      case OpResult.GetChildrenResult get -> "getChildren " + sorted(get.getChildren());
      default -> "unexpected " + result;
    };
  }

  /** create with a TTL (createTTL, op 21). */
  public void createTtl(String path, String data, CreateMode mode, long ttl) {
    await(
        done ->
            zk.create(
                path,
                data.getBytes(),
                ZooDefs.Ids.OPEN_ACL_UNSAFE,
                mode,
                (rc, p, ctx, name, stat) -> {
                  add(
                      "createTtl "
                          + p
                          + " "
                          + mode
                          + " ttl="
                          + ttl
                          + " -> "
                          + Code.get(rc)
                          + " "
                          + name
                          + stat(stat));
                  done.complete(null);
                },
                null,
                ttl));
  }

  public void addAuth(String scheme, String credentials) {
    zk.addAuthInfo(scheme, credentials.getBytes());
    add("addAuth " + scheme);
  }

  public void getAcl(String path) {
    await(
        done ->
            zk.getACL(
                path,
                new Stat(),
                (rc, p, ctx, acl, stat) -> {
                  add("getACL " + p + " -> " + Code.get(rc) + " " + acl + stat(stat));
                  done.complete(null);
                },
                null));
  }

  public void setAcl(String path, List<ACL> acl, int version) {
    await(
        done ->
            zk.setACL(
                path,
                acl,
                version,
                (rc, p, ctx, stat) -> {
                  add("setACL " + p + " v" + version + " -> " + Code.get(rc) + stat(stat));
                  done.complete(null);
                },
                null));
  }

  public void whoAmI() {
    try {
      add(
          "whoAmI -> "
              + zk.whoAmI().stream().map(i -> i.getAuthScheme() + ":" + i.getUser()).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public void addWatch(String path, AddWatchMode mode) {
    await(
        done ->
            zk.addWatch(
                path,
                watcher,
                mode,
                (rc, p, ctx) -> {
                  add("addWatch " + p + " " + mode + " -> " + Code.get(rc));
                  done.complete(null);
                },
                null));
  }

  public void removeWatches(String path, Watcher.WatcherType type) {
    await(
        done ->
            zk.removeWatches(
                path,
                watcher,
                type,
                false,
                (rc, p, ctx) -> {
                  add("removeWatches " + p + " " + type + " -> " + Code.get(rc));
                  done.complete(null);
                },
                null));
  }

  public void getEphemerals(String prefix) {
    await(
        done ->
            zk.getEphemerals(
                prefix,
                (rc, ctx, paths) -> {
                  add("getEphemerals " + prefix + " -> " + Code.get(rc) + " " + sorted(paths));
                  done.complete(null);
                },
                null));
  }

  public void getAllChildrenNumber(String path) {
    await(
        done ->
            zk.getAllChildrenNumber(
                path,
                (rc, p, ctx, number) -> {
                  add("getAllChildrenNumber " + p + " -> " + Code.get(rc) + " " + number);
                  done.complete(null);
                },
                null));
  }

  public void close() throws InterruptedException {
    zk.close();
  }

  private static List<String> sorted(List<String> children) {
    return children == null ? null : children.stream().sorted().toList();
  }

  private String stat(Stat stat) {
    if (stat == null) {
      return "";
    }
    long owner = stat.getEphemeralOwner();
    String ownerName = owner == 0 ? "0" : sessionNames.getOrDefault(owner, "unknown session");
    return String.format(
        " {czxid=%x mzxid=%x pzxid=%x version=%d cversion=%d aversion=%d owner=%s"
            + " dataLength=%d numChildren=%d}",
        stat.getCzxid(),
        stat.getMzxid(),
        stat.getPzxid(),
        stat.getVersion(),
        stat.getCversion(),
        stat.getAversion(),
        ownerName,
        stat.getDataLength(),
        stat.getNumChildren());
  }

  private interface Call {
    void start(CompletableFuture<Void> done);
  }

  private static void await(Call call) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    call.start(done);
    try {
      done.get(Clients.WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer", e);
    }
  }
}

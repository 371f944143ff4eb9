package io.zkensemble.node.request;

import io.zkensemble.node.auth.Authenticator;
import io.zkensemble.node.auth.Perms;
import io.zkensemble.node.tree.ClientWatches;
import io.zkensemble.node.tree.DataNode;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.WatcherType;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.tree.watch.WatchMode;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.proto.AddWatchRequest;
import io.zkensemble.node.wire.proto.CheckWatchesRequest;
import io.zkensemble.node.wire.proto.ErrorResponse;
import io.zkensemble.node.wire.proto.ExistsRequest;
import io.zkensemble.node.wire.proto.ExistsResponse;
import io.zkensemble.node.wire.proto.GetACLRequest;
import io.zkensemble.node.wire.proto.GetACLResponse;
import io.zkensemble.node.wire.proto.GetAllChildrenNumberRequest;
import io.zkensemble.node.wire.proto.GetAllChildrenNumberResponse;
import io.zkensemble.node.wire.proto.GetChildren2Request;
import io.zkensemble.node.wire.proto.GetChildren2Response;
import io.zkensemble.node.wire.proto.GetChildrenRequest;
import io.zkensemble.node.wire.proto.GetChildrenResponse;
import io.zkensemble.node.wire.proto.GetDataRequest;
import io.zkensemble.node.wire.proto.GetDataResponse;
import io.zkensemble.node.wire.proto.GetEphemeralsRequest;
import io.zkensemble.node.wire.proto.GetEphemeralsResponse;
import io.zkensemble.node.wire.proto.MultiRequest;
import io.zkensemble.node.wire.proto.MultiResponse;
import io.zkensemble.node.wire.proto.RemoveWatchesRequest;
import io.zkensemble.node.wire.proto.SetWatches;
import io.zkensemble.node.wire.proto.SetWatches2;
import io.zkensemble.node.wire.proto.SyncRequest;
import io.zkensemble.node.wire.proto.SyncResponse;
import io.zkensemble.node.wire.proto.WhoAmIResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Answers the requests that do not change the tree, from the local tree, as Apache's
 * FinalRequestProcessor does: ACLs checked against the caller's ids, watches registered for the
 * asking connection.
 */
final class ReadHandler {
  private static final Logger LOG = Logger.getLogger(ReadHandler.class);

  /** Apache's AddWatchMode values. */
  private static final int ADD_WATCH_PERSISTENT = 0;

  private static final int ADD_WATCH_PERSISTENT_RECURSIVE = 1;

  private final DataTree tree;
  private final Authenticator auth;

  ReadHandler(DataTree tree, Authenticator auth) {
    this.tree = tree;
    this.auth = auth;
  }

  /** An error code (0 for success) and the response body, if any. */
  record Answer(int err, JuteRecord body) {}

  Answer answer(ClientRequest request, Conversation caller) {
    if (request.malformed()) {
      return new Answer(ErrorCode.MARSHALLING_ERROR, null);
    }
    try {
      return new Answer(0, body(request, caller));
    } catch (ZkError e) {
      return new Answer(e.code(), null);
    } catch (RuntimeException e) {
      // A request with fields Apache's client never sends (a null path, a null watch list).
      LOG.errorf(
          e, "Failed to process %s request xid %d", OpCode.name(request.type()), request.xid());
      return new Answer(ErrorCode.MARSHALLING_ERROR, null);
    }
  }

  private JuteRecord body(ClientRequest request, Conversation caller) {
    List<Id> ids = caller.ids();
    return switch (request.type()) {
      case OpCode.PING -> null;
      case OpCode.EXISTS -> exists((ExistsRequest) request.body(), caller);
      case OpCode.GET_DATA -> {
        GetDataRequest get = (GetDataRequest) request.body();
        yield getData(get.path(), ids, get.watch() ? caller : null);
      }
      case OpCode.GET_CHILDREN -> {
        GetChildrenRequest get = (GetChildrenRequest) request.body();
        yield new GetChildrenResponse(children(get.path(), ids, get.watch() ? caller : null));
      }
      case OpCode.GET_CHILDREN2 -> {
        GetChildren2Request get = (GetChildren2Request) request.body();
        List<String> children = children(get.path(), ids, get.watch() ? caller : null);
        yield new GetChildren2Response(children, tree.stat(tree.node(get.path())));
      }
      case OpCode.SYNC -> new SyncResponse(((SyncRequest) request.body()).path());
      case OpCode.GET_ACL -> getAcl(((GetACLRequest) request.body()).path(), ids);
      case OpCode.GET_ALL_CHILDREN_NUMBER -> {
        String path = ((GetAllChildrenNumberRequest) request.body()).path();
        readable(path, ids);
        yield new GetAllChildrenNumberResponse(tree.descendantCount(path));
      }
      case OpCode.GET_EPHEMERALS ->
          getEphemerals(((GetEphemeralsRequest) request.body()).prefixPath(), caller.sessionId);
      case OpCode.WHO_AM_I -> new WhoAmIResponse(Authenticator.clientInfos(ids));
      case OpCode.SET_WATCHES -> {
        SetWatches set = (SetWatches) request.body();
        ClientWatches watches =
            new ClientWatches(
                set.dataWatches(), set.existWatches(), set.childWatches(), List.of(), List.of());
        tree.setWatches(set.relativeZxid(), watches, caller);
        yield null;
      }
      case OpCode.SET_WATCHES2 -> {
        SetWatches2 set = (SetWatches2) request.body();
        ClientWatches watches =
            new ClientWatches(
                set.dataWatches(),
                set.existWatches(),
                set.childWatches(),
                set.persistentWatches(),
                set.persistentRecursiveWatches());
        tree.setWatches(set.relativeZxid(), watches, caller);
        yield null;
      }
      case OpCode.ADD_WATCH -> addWatch((AddWatchRequest) request.body(), caller);
      case OpCode.CHECK_WATCHES -> {
        CheckWatchesRequest check = (CheckWatchesRequest) request.body();
        if (!tree.containsWatch(check.path(), watcherType(check.type()), caller)) {
          throw new ZkError(ErrorCode.NO_WATCHER, check.path());
        }
        yield null;
      }
      case OpCode.REMOVE_WATCHES -> {
        RemoveWatchesRequest remove = (RemoveWatchesRequest) request.body();
        if (!tree.removeWatch(remove.path(), watcherType(remove.type()), caller)) {
          throw new ZkError(ErrorCode.NO_WATCHER, remove.path());
        }
        yield null;
      }
      case OpCode.MULTI_READ -> multiRead((MultiRequest) request.body(), ids);
      default -> throw new ZkError(ErrorCode.UNIMPLEMENTED, null);
    };
  }

  /** exists checks READ only when the node exists; the watch is set either way (Apache). */
  private ExistsResponse exists(ExistsRequest request, Conversation caller) {
    String path = request.path();
    if (path.indexOf('\0') != -1) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
    }
    DataNode node = tree.node(path);
    if (node != null) {
      checkAcl(tree.acl(node), Perms.READ, caller.ids(), path);
    }
    return new ExistsResponse(tree.stat(tree.exists(path, request.watch() ? caller : null)));
  }

  private GetDataResponse getData(String path, List<Id> ids, Conversation watcher) {
    readable(path, ids);
    DataNode node = tree.getData(path, watcher);
    return new GetDataResponse(node.data(), tree.stat(node));
  }

  private List<String> children(String path, List<Id> ids, Conversation watcher) {
    readable(path, ids);
    return new ArrayList<>(tree.getChildren(path, watcher).children());
  }

  /**
   * getACL needs READ or ADMIN; without ADMIN the digests are masked ("user:x"), as Apache does so
   * that readers cannot attack the hashes.
   */
  private GetACLResponse getAcl(String path, List<Id> ids) {
    DataNode node = existing(path);
    List<ACL> acl = tree.acl(node);
    checkAcl(acl, Perms.READ | Perms.ADMIN, ids, path);
    if (auth.allows(acl, Perms.ADMIN, ids)) {
      return new GetACLResponse(acl, tree.stat(node));
    }
    List<ACL> masked = new ArrayList<>(acl.size());
    for (ACL entry : acl) {
      Id id = entry.id();
      masked.add(
          Authenticator.DIGEST.equals(id.scheme())
              ? new ACL(entry.perms(), new Id(id.scheme(), id.id().replaceAll(":.*", ":x")))
              : entry);
    }
    return new GetACLResponse(masked, tree.stat(node));
  }

  /** The caller's ephemerals under a path prefix (a plain string prefix, as Apache matches). */
  private GetEphemeralsResponse getEphemerals(String prefix, long sessionId) {
    List<String> all = tree.ephemerals(sessionId);
    if (prefix == null || prefix.trim().isEmpty() || prefix.trim().equals("/")) {
      return new GetEphemeralsResponse(all);
    }
    return new GetEphemeralsResponse(all.stream().filter(p -> p.startsWith(prefix)).toList());
  }

  private ErrorResponse addWatch(AddWatchRequest request, Conversation caller) {
    int mode =
        switch (request.mode()) {
          case ADD_WATCH_PERSISTENT -> WatchMode.PERSISTENT;
          case ADD_WATCH_PERSISTENT_RECURSIVE -> WatchMode.PERSISTENT_RECURSIVE;
          default -> throw new ZkError(ErrorCode.MARSHALLING_ERROR, request.path());
        };
    tree.addWatch(request.path(), caller, mode);
    return new ErrorResponse(0);
  }

  private static WatcherType watcherType(int code) {
    WatcherType type = WatcherType.of(code);
    if (type == null) {
      // Apache's WatcherType.fromInt throws for an unknown code: a MarshallingError.
      throw new ZkError(ErrorCode.MARSHALLING_ERROR, null);
    }
    return type;
  }

  /**
   * Each read of a multiRead succeeds or fails on its own (Apache sets no watches there); a write
   * op in it makes the whole request a MarshallingError.
   */
  private MultiResponse multiRead(MultiRequest request, List<Id> ids) {
    List<MultiResponse.Result> results = new ArrayList<>();
    for (MultiRequest.Op op : request.ops()) {
      try {
        results.add(
            switch (op.type()) {
              case OpCode.GET_CHILDREN -> {
                String path = ((GetChildrenRequest) op.request()).path();
                yield new MultiResponse.Result(
                    OpCode.GET_CHILDREN, 0, new GetChildrenResponse(children(path, ids, null)));
              }
              case OpCode.GET_DATA ->
                  new MultiResponse.Result(
                      OpCode.GET_DATA,
                      0,
                      getData(((GetDataRequest) op.request()).path(), ids, null));
              default -> throw new IllegalArgumentException("not a read: " + op.type());
            });
      } catch (ZkError e) {
        results.add(MultiResponse.Result.error(e.code()));
      }
    }
    return new MultiResponse(results);
  }

  private DataNode readable(String path, List<Id> ids) {
    DataNode node = existing(path);
    checkAcl(tree.acl(node), Perms.READ, ids, path);
    return node;
  }

  private DataNode existing(String path) {
    DataNode node = tree.node(path);
    if (node == null) {
      throw new ZkError(ErrorCode.NO_NODE, path);
    }
    return node;
  }

  private void checkAcl(List<ACL> acl, int perm, List<Id> ids, String path) {
    if (!auth.allows(acl, perm, ids)) {
      throw new ZkError(ErrorCode.NO_AUTH, path);
    }
  }
}

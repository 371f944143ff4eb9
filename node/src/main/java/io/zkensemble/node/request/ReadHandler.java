package io.zkensemble.node.request;

import io.zkensemble.node.tree.DataNode;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.tree.watch.Watcher;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.proto.ExistsRequest;
import io.zkensemble.node.wire.proto.ExistsResponse;
import io.zkensemble.node.wire.proto.GetChildren2Request;
import io.zkensemble.node.wire.proto.GetChildren2Response;
import io.zkensemble.node.wire.proto.GetChildrenRequest;
import io.zkensemble.node.wire.proto.GetChildrenResponse;
import io.zkensemble.node.wire.proto.GetDataRequest;
import io.zkensemble.node.wire.proto.GetDataResponse;
import io.zkensemble.node.wire.proto.MultiRequest;
import io.zkensemble.node.wire.proto.MultiResponse;
import io.zkensemble.node.wire.proto.SetWatches;
import io.zkensemble.node.wire.proto.SetWatches2;
import io.zkensemble.node.wire.proto.SyncRequest;
import io.zkensemble.node.wire.proto.SyncResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Answers the requests that do not change the tree, from the local tree, as Apache's
 * FinalRequestProcessor does (watches are registered for the asking connection).
 */
final class ReadHandler {
  private static final Logger LOG = Logger.getLogger(ReadHandler.class);

  private final DataTree tree;

  ReadHandler(DataTree tree) {
    this.tree = tree;
  }

  /** An error code (0 for success) and the response body, if any. */
  record Answer(int err, JuteRecord body) {}

  Answer answer(ClientRequest request, Watcher watcher) {
    if (request.malformed()) {
      return new Answer(ErrorCode.MARSHALLING_ERROR, null);
    }
    try {
      return new Answer(0, body(request, watcher));
    } catch (ZkError e) {
      return new Answer(e.code(), null);
    } catch (RuntimeException e) {
      // A request with fields Apache's client never sends (a null path, a null watch list).
      LOG.errorf(
          e, "Failed to process %s request xid %d", OpCode.name(request.type()), request.xid());
      return new Answer(ErrorCode.MARSHALLING_ERROR, null);
    }
  }

  private JuteRecord body(ClientRequest request, Watcher watcher) {
    return switch (request.type()) {
      case OpCode.PING -> null;
      case OpCode.EXISTS -> exists((ExistsRequest) request.body(), watcher);
      case OpCode.GET_DATA -> {
        GetDataRequest get = (GetDataRequest) request.body();
        DataNode node = tree.getData(get.path(), get.watch() ? watcher : null);
        yield new GetDataResponse(node.data(), node.stat());
      }
      case OpCode.GET_CHILDREN -> {
        GetChildrenRequest get = (GetChildrenRequest) request.body();
        DataNode node = tree.getChildren(get.path(), get.watch() ? watcher : null);
        yield new GetChildrenResponse(children(node));
      }
      case OpCode.GET_CHILDREN2 -> {
        GetChildren2Request get = (GetChildren2Request) request.body();
        DataNode node = tree.getChildren(get.path(), get.watch() ? watcher : null);
        yield new GetChildren2Response(children(node), node.stat());
      }
      case OpCode.SYNC -> new SyncResponse(((SyncRequest) request.body()).path());
      case OpCode.SET_WATCHES -> {
        SetWatches set = (SetWatches) request.body();
        tree.setWatches(
            set.relativeZxid(), set.dataWatches(), set.existWatches(), set.childWatches(), watcher);
        yield null;
      }
      case OpCode.SET_WATCHES2 -> {
        SetWatches2 set = (SetWatches2) request.body();
        tree.setWatches(
            set.relativeZxid(), set.dataWatches(), set.existWatches(), set.childWatches(), watcher);
        yield null;
      }
      case OpCode.MULTI_READ -> multiRead((MultiRequest) request.body());
      default -> throw new ZkError(ErrorCode.UNIMPLEMENTED, null);
    };
  }

  /** exists answers BadArguments for a path with a NUL char before touching the tree (Apache). */
  private ExistsResponse exists(ExistsRequest request, Watcher watcher) {
    if (request.path().indexOf('\0') != -1) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, request.path());
    }
    return new ExistsResponse(tree.exists(request.path(), request.watch() ? watcher : null));
  }

  /**
   * Each read of a multiRead succeeds or fails on its own (Apache sets no watches there); a write
   * op in it makes the whole request a MarshallingError.
   */
  private MultiResponse multiRead(MultiRequest request) {
    List<MultiResponse.Result> results = new ArrayList<>();
    for (MultiRequest.Op op : request.ops()) {
      try {
        results.add(
            switch (op.type()) {
              case OpCode.GET_CHILDREN -> {
                String path = ((GetChildrenRequest) op.request()).path();
                DataNode node = tree.getChildren(path, null);
                yield new MultiResponse.Result(
                    OpCode.GET_CHILDREN, 0, new GetChildrenResponse(children(node)));
              }
              case OpCode.GET_DATA -> {
                DataNode node = tree.getData(((GetDataRequest) op.request()).path(), null);
                yield new MultiResponse.Result(
                    OpCode.GET_DATA, 0, new GetDataResponse(node.data(), node.stat()));
              }
              default -> throw new ZkError(ErrorCode.MARSHALLING_ERROR, null);
            });
      } catch (ZkError e) {
        if (e.code() == ErrorCode.MARSHALLING_ERROR) {
          throw e;
        }
        results.add(MultiResponse.Result.error(e.code()));
      }
    }
    return new MultiResponse(results);
  }

  private static List<String> children(DataNode node) {
    return new ArrayList<>(node.children());
  }
}

package io.zkensemble.node.request;

import io.zkensemble.node.txn.ApplyResult;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.proto.Create2Response;
import io.zkensemble.node.wire.proto.CreateResponse;
import io.zkensemble.node.wire.proto.MultiResponse;
import io.zkensemble.node.wire.proto.SetACLResponse;
import io.zkensemble.node.wire.proto.SetDataResponse;
import java.util.ArrayList;
import java.util.List;

/** The response bodies of applied writes, as Apache's FinalRequestProcessor builds them. */
final class WriteReplies {
  private WriteReplies() {}

  /** The body for a single write; none when it failed. */
  static JuteRecord body(ApplyResult result) {
    if (result.err() != 0) {
      return null;
    }
    return switch (result.type()) {
      case OpCode.CREATE -> new CreateResponse(result.path());
      case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL ->
          new Create2Response(result.path(), result.stat());
      case OpCode.SET_DATA -> new SetDataResponse(result.stat());
      case OpCode.SET_ACL -> new SetACLResponse(result.stat());
      default -> null;
    };
  }

  /** One result per op: create (path), create2 (path and stat), delete, setData, check, error. */
  static MultiResponse multi(ApplyResult result) {
    List<MultiResponse.Result> results = new ArrayList<>();
    for (ApplyResult op : result.multi()) {
      results.add(
          switch (op.type()) {
            case OpCode.ERROR -> MultiResponse.Result.error(op.err());
            case OpCode.CREATE ->
                new MultiResponse.Result(OpCode.CREATE, 0, new CreateResponse(op.path()));
            case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL ->
                new MultiResponse.Result(
                    OpCode.CREATE2, 0, new Create2Response(op.path(), op.stat()));
            case OpCode.SET_DATA ->
                new MultiResponse.Result(OpCode.SET_DATA, 0, new SetDataResponse(op.stat()));
            case OpCode.DELETE, OpCode.DELETE_CONTAINER ->
                new MultiResponse.Result(OpCode.DELETE, 0, null);
            case OpCode.CHECK -> new MultiResponse.Result(OpCode.CHECK, 0, null);
            default -> throw new IllegalStateException("no multi result for " + op.type());
          });
    }
    return new MultiResponse(results);
  }
}

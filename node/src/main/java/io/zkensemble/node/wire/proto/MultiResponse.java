package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to multi and multiRead, Apache's MultiResponse: each result is a MultiHeader(type,
 * false, err) and the response record of that type (none for delete and check), and a
 * MultiHeader(-1, true, -1) ends the list.
 */
public record MultiResponse(List<Result> results) implements JuteRecord {
  /**
   * One result: its type (the op's, or error), its error code, and its response record (an
   * ErrorResponse for an error; null for delete and check).
   */
  public record Result(int type, int err, JuteRecord response) {
    public static Result error(int err) {
      return new Result(OpCode.ERROR, err, new ErrorResponse(err));
    }
  }

  @Override
  public void writeTo(JuteOutput out) {
    for (Result result : results) {
      out.writeRecord(new MultiHeader(result.type(), false, result.err()));
      if (result.response() != null) {
        out.writeRecord(result.response());
      }
    }
    out.writeRecord(new MultiHeader(-1, true, -1));
  }

  public static MultiResponse readFrom(JuteInput in) {
    List<Result> results = new ArrayList<>();
    MultiHeader header = MultiHeader.readFrom(in);
    while (!header.done()) {
      JuteRecord response =
          switch (header.type()) {
            case OpCode.CREATE -> CreateResponse.readFrom(in);
            case OpCode.CREATE2 -> Create2Response.readFrom(in);
            case OpCode.SET_DATA -> SetDataResponse.readFrom(in);
            case OpCode.GET_CHILDREN -> GetChildrenResponse.readFrom(in);
            case OpCode.GET_DATA -> GetDataResponse.readFrom(in);
            case OpCode.ERROR -> ErrorResponse.readFrom(in);
            case OpCode.DELETE, OpCode.CHECK -> null;
            default ->
                throw new JuteException("Invalid type " + header.type() + " in MultiResponse");
          };
      results.add(new Result(header.type(), header.err(), response));
      header = MultiHeader.readFrom(in);
    }
    return new MultiResponse(results);
  }
}

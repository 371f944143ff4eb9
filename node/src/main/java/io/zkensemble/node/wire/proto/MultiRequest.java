package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of multi (14) and multiRead (22), Apache's MultiOperationRecord: each op is a
 * MultiHeader(type, false, -1) and its request record, and a MultiHeader(-1, true, -1) ends the
 * list. As in Apache, an op of another type, a create with an unknown mode, or write ops mixed with
 * read ops do not decode.
 */
public record MultiRequest(List<Op> ops) implements JuteRecord {
  /** One operation: its type and its request record. */
  public record Op(int type, JuteRecord request) {}

  /** Apache's CreateMode flags 0..6 (CreateMode.fromFlag). */
  private static final int MAX_CREATE_FLAG = 6;

  public boolean isRead() {
    return !ops.isEmpty() && isReadType(ops.get(0).type());
  }

  @Override
  public void writeTo(JuteOutput out) {
    for (Op op : ops) {
      out.writeRecord(new MultiHeader(op.type(), false, -1)).writeRecord(op.request());
    }
    out.writeRecord(new MultiHeader(-1, true, -1));
  }

  public static MultiRequest readFrom(JuteInput in) {
    List<Op> ops = new ArrayList<>();
    MultiHeader header = MultiHeader.readFrom(in);
    while (!header.done()) {
      JuteRecord request =
          switch (header.type()) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> {
              CreateRequest create = CreateRequest.readFrom(in);
              if (create.flags() < 0 || create.flags() > MAX_CREATE_FLAG) {
                throw new JuteException("invalid flag " + create.flags() + " for create mode");
              }
              yield create;
            }
            case OpCode.CREATE_TTL -> CreateTTLRequest.readFrom(in);
            case OpCode.DELETE -> DeleteRequest.readFrom(in);
            case OpCode.SET_DATA -> SetDataRequest.readFrom(in);
            case OpCode.CHECK -> CheckVersionRequest.readFrom(in);
            case OpCode.GET_CHILDREN -> GetChildrenRequest.readFrom(in);
            case OpCode.GET_DATA -> GetDataRequest.readFrom(in);
            default -> throw new JuteException("Invalid type of op " + header.type());
          };
      if (!ops.isEmpty() && isReadType(ops.get(0).type()) != isReadType(header.type())) {
        throw new JuteException("Mixing different kind of ops");
      }
      ops.add(new Op(header.type(), request));
      header = MultiHeader.readFrom(in);
    }
    return new MultiRequest(ops);
  }

  private static boolean isReadType(int type) {
    return type == OpCode.GET_CHILDREN || type == OpCode.GET_DATA;
  }
}

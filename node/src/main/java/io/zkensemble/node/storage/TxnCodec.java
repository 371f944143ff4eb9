package io.zkensemble.node.storage;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.txn.CloseSessionTxn;
import io.zkensemble.node.wire.txn.CreateContainerTxn;
import io.zkensemble.node.wire.txn.CreateSessionTxn;
import io.zkensemble.node.wire.txn.CreateTTLTxn;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.CreateTxnV0;
import io.zkensemble.node.wire.txn.DeleteTxn;
import io.zkensemble.node.wire.txn.ErrorTxn;
import io.zkensemble.node.wire.txn.MultiTxn;
import io.zkensemble.node.wire.txn.SetACLTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.TxnHeader;

/**
 * A transaction as the log stores it (Apache's Util.marshallTxnEntry and
 * SerializeUtils.deserializeTxn): the TxnHeader, then the txn record of its type. A digest that
 * Apache may append is read past, as are the old formats Apache still reads (a create without
 * parentCVersion, a closeSession without its paths).
 */
public final class TxnCodec {
  private TxnCodec() {}

  public static void write(Transaction txn, JuteOutput out) {
    out.writeRecord(txn.header());
    if (txn.body() != null) {
      out.writeRecord(txn.body());
    }
  }

  public static byte[] bytes(Transaction txn) {
    Buffer buffer = Buffer.buffer(128);
    write(txn, new JuteOutput(buffer));
    return buffer.getBytes();
  }

  public static Transaction read(Buffer bytes) {
    JuteInput in = new JuteInput(bytes);
    TxnHeader header = TxnHeader.readFrom(in);
    int bodyStart = in.position();
    JuteRecord body =
        switch (header.type()) {
          case OpCode.CREATE_SESSION -> CreateSessionTxn.readFrom(in);
          case OpCode.CLOSE_SESSION -> in.remaining() == 0 ? null : CloseSessionTxn.readFrom(in);
          case OpCode.CREATE, OpCode.CREATE2 -> create(bytes, bodyStart, in);
          case OpCode.CREATE_TTL -> CreateTTLTxn.readFrom(in);
          case OpCode.CREATE_CONTAINER -> CreateContainerTxn.readFrom(in);
          case OpCode.DELETE, OpCode.DELETE_CONTAINER -> DeleteTxn.readFrom(in);
          case OpCode.SET_DATA, OpCode.RECONFIG -> SetDataTxn.readFrom(in);
          case OpCode.SET_ACL -> SetACLTxn.readFrom(in);
          case OpCode.ERROR -> ErrorTxn.readFrom(in);
          case OpCode.MULTI -> MultiTxn.readFrom(in);
          default -> throw new JuteException("unsupported txn type " + header.type());
        };
    return new Transaction(header, body);
  }

  /** A create, or an old CreateTxnV0 (no parentCVersion): -1 makes the tree count it itself. */
  private static CreateTxn create(Buffer bytes, int bodyStart, JuteInput in) {
    try {
      return CreateTxn.readFrom(in);
    } catch (JuteException e) {
      CreateTxnV0 old = CreateTxnV0.readFrom(new JuteInput(bytes, bodyStart, bytes.length()));
      return new CreateTxn(old.path(), old.data(), old.acl(), old.ephemeral(), -1);
    }
  }
}

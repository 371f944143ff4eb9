package io.zkensemble.node.txn;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.tree.Paths;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Stat;
import io.zkensemble.node.wire.txn.CheckVersionTxn;
import io.zkensemble.node.wire.txn.CloseSessionTxn;
import io.zkensemble.node.wire.txn.CreateContainerTxn;
import io.zkensemble.node.wire.txn.CreateSessionTxn;
import io.zkensemble.node.wire.txn.CreateTTLTxn;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.DeleteTxn;
import io.zkensemble.node.wire.txn.ErrorTxn;
import io.zkensemble.node.wire.txn.MultiTxn;
import io.zkensemble.node.wire.txn.SetACLTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.Txn;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The one function that applies a committed transaction to the replicated state (Apache's
 * DataTree.processTxn plus ZKDatabase's session table). The leader, followers, observers, log
 * replay and snapshot sync all go through it, so every server ends in the same state.
 * Deterministic: its only inputs are the state and the transaction.
 */
public final class TxnApplier {
  private TxnApplier() {}

  public static ApplyResult apply(ZkDatabase db, Transaction txn) {
    TxnHeader header = txn.header();
    ApplyResult result = apply(db, header, txn.body());
    DataTree tree = db.tree();
    if (header.zxid() > tree.lastProcessedZxid()) {
      tree.setLastProcessedZxid(header.zxid());
    }
    return result;
  }

  private static ApplyResult apply(ZkDatabase db, TxnHeader header, JuteRecord body) {
    if (header.type() == OpCode.MULTI) {
      return multi(db, header, (MultiTxn) body);
    }
    DataTree tree = db.tree();
    int err = 0;
    String path = null;
    Stat stat = null;
    try {
      switch (header.type()) {
        case OpCode.CREATE, OpCode.CREATE2 -> {
          CreateTxn create = (CreateTxn) body;
          path = create.path();
          long owner = create.ephemeral() ? header.clientId() : 0;
          stat =
              create(
                  tree, header, path, create.data(), create.acl(), owner, create.parentCVersion());
        }
        case OpCode.CREATE_CONTAINER -> {
          CreateContainerTxn create = (CreateContainerTxn) body;
          path = create.path();
          stat =
              create(
                  tree,
                  header,
                  path,
                  create.data(),
                  create.acl(),
                  EphemeralType.CONTAINER_OWNER,
                  create.parentCVersion());
        }
        case OpCode.CREATE_TTL -> {
          CreateTTLTxn create = (CreateTTLTxn) body;
          path = create.path();
          stat =
              create(
                  tree,
                  header,
                  path,
                  create.data(),
                  create.acl(),
                  EphemeralType.ttlOwner(create.ttl()),
                  create.parentCVersion());
        }
        case OpCode.SET_ACL -> {
          SetACLTxn set = (SetACLTxn) body;
          path = set.path();
          stat = tree.setAcl(path, set.acl(), set.version());
        }
        case OpCode.DELETE, OpCode.DELETE_CONTAINER -> {
          path = ((DeleteTxn) body).path();
          tree.deleteNode(path, header.zxid());
        }
        // Apache's DataTree applies a reconfig as the setData of /zookeeper/config it carries.
        case OpCode.SET_DATA, OpCode.RECONFIG -> {
          SetDataTxn set = (SetDataTxn) body;
          path = set.path();
          stat = tree.setData(path, set.data(), set.version(), header.zxid(), header.time());
        }
        case OpCode.CHECK -> path = ((CheckVersionTxn) body).path();
        case OpCode.CREATE_SESSION ->
            db.addSession(header.clientId(), ((CreateSessionTxn) body).timeOut());
        case OpCode.CLOSE_SESSION -> {
          db.removeSession(header.clientId());
          List<String> paths = body == null ? List.of() : ((CloseSessionTxn) body).paths2Delete();
          tree.killSession(header.clientId(), paths, header.zxid());
        }
        case OpCode.ERROR -> err = ((ErrorTxn) body).err();
        default -> throw new IllegalArgumentException("unknown txn type " + header.type());
      }
    } catch (ZkError e) {
      err = e.code();
    }
    if (header.type() == OpCode.CREATE && err == ErrorCode.NODE_EXISTS) {
      // Replaying over a fuzzy snapshot: the node is there, but the snapshot may hold its parent
      // from before this create (Apache does this for create, not create2).
      tree.setCversionPzxid(Paths.parent(path), ((CreateTxn) body).parentCVersion(), header.zxid());
    }
    return new ApplyResult(header.type(), err, path, stat, null);
  }

  private static Stat create(
      DataTree tree,
      TxnHeader header,
      String path,
      byte[] data,
      List<ACL> acl,
      long owner,
      int parentCVersion) {
    return tree.createNode(path, data, acl, owner, parentCVersion, header.zxid(), header.time());
  }

  /**
   * A multi applies all its ops or none: when one of them is an error, every other op is applied as
   * an error too, Ok for those before it and RuntimeInconsistency after (Apache's rule).
   */
  private static ApplyResult multi(ZkDatabase db, TxnHeader header, MultiTxn multi) {
    boolean failed = multi.txns().stream().anyMatch(t -> t.type() == OpCode.ERROR);
    boolean pastFailure = false;
    int err = 0;
    List<ApplyResult> results = new ArrayList<>();
    for (Txn sub : multi.txns()) {
      int type = sub.type();
      JuteRecord record = decode(type, sub.data());
      if (type == OpCode.ERROR) {
        pastFailure = true;
      } else if (failed) {
        type = OpCode.ERROR;
        record = new ErrorTxn(pastFailure ? ErrorCode.RUNTIME_INCONSISTENCY : ErrorCode.OK);
      }
      TxnHeader subHeader =
          new TxnHeader(header.clientId(), header.cxid(), header.zxid(), header.time(), type);
      ApplyResult result = apply(db, subHeader, record);
      results.add(result);
      if (result.err() != 0 && err == 0) {
        err = result.err();
      }
    }
    return new ApplyResult(OpCode.MULTI, err, null, null, results);
  }

  private static JuteRecord decode(int type, byte[] data) {
    JuteInput in = new JuteInput(Buffer.buffer(data));
    return switch (type) {
      case OpCode.CREATE, OpCode.CREATE2 -> CreateTxn.readFrom(in);
      case OpCode.CREATE_CONTAINER -> CreateContainerTxn.readFrom(in);
      case OpCode.CREATE_TTL -> CreateTTLTxn.readFrom(in);
      case OpCode.DELETE, OpCode.DELETE_CONTAINER -> DeleteTxn.readFrom(in);
      case OpCode.SET_DATA -> SetDataTxn.readFrom(in);
      case OpCode.CHECK -> CheckVersionTxn.readFrom(in);
      case OpCode.ERROR -> ErrorTxn.readFrom(in);
      default -> throw new IllegalArgumentException("invalid type of op in a multi: " + type);
    };
  }
}

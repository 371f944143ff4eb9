package io.zkensemble.node.txn;

import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.data.Stat;
import io.zkensemble.node.wire.txn.CloseSessionTxn;
import io.zkensemble.node.wire.txn.CreateContainerTxn;
import io.zkensemble.node.wire.txn.CreateSessionTxn;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.DeleteTxn;
import io.zkensemble.node.wire.txn.ErrorTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.TxnHeader;
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
    DataTree tree = db.tree();
    int err = 0;
    String path = null;
    Stat stat = null;
    try {
      switch (header.type()) {
        case OpCode.CREATE, OpCode.CREATE2 -> {
          CreateTxn create = (CreateTxn) txn.body();
          path = create.path();
          stat = create(tree, header, create);
        }
        case OpCode.CREATE_CONTAINER -> {
          CreateContainerTxn create = (CreateContainerTxn) txn.body();
          path = create.path();
          stat =
              tree.createNode(
                  path,
                  create.data(),
                  create.acl(),
                  EphemeralType.CONTAINER_OWNER,
                  create.parentCVersion(),
                  header.zxid(),
                  header.time());
        }
        case OpCode.DELETE -> {
          path = ((DeleteTxn) txn.body()).path();
          tree.deleteNode(path, header.zxid());
        }
        case OpCode.SET_DATA -> {
          SetDataTxn set = (SetDataTxn) txn.body();
          path = set.path();
          stat = tree.setData(path, set.data(), set.version(), header.zxid(), header.time());
        }
        case OpCode.CREATE_SESSION ->
            db.addSession(header.clientId(), ((CreateSessionTxn) txn.body()).timeOut());
        case OpCode.CLOSE_SESSION -> {
          db.removeSession(header.clientId());
          List<String> paths =
              txn.body() == null ? List.of() : ((CloseSessionTxn) txn.body()).paths2Delete();
          tree.killSession(header.clientId(), paths, header.zxid());
        }
        case OpCode.ERROR -> err = ((ErrorTxn) txn.body()).err();
        default -> throw new IllegalArgumentException("unknown txn type " + header.type());
      }
    } catch (ZkError e) {
      err = e.code();
    }
    if (header.zxid() > tree.lastProcessedZxid()) {
      tree.setLastProcessedZxid(header.zxid());
    }
    return new ApplyResult(header.type(), err, path, stat);
  }

  private static Stat create(DataTree tree, TxnHeader header, CreateTxn create) {
    long owner = create.ephemeral() ? header.clientId() : 0;
    return tree.createNode(
        create.path(),
        create.data(),
        create.acl(),
        owner,
        create.parentCVersion(),
        header.zxid(),
        header.time());
  }
}

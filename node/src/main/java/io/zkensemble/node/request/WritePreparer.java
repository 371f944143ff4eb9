package io.zkensemble.node.request;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.tree.Paths;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.proto.CheckVersionRequest;
import io.zkensemble.node.wire.proto.CreateRequest;
import io.zkensemble.node.wire.proto.DeleteRequest;
import io.zkensemble.node.wire.proto.MultiRequest;
import io.zkensemble.node.wire.proto.SetDataRequest;
import io.zkensemble.node.wire.txn.CheckVersionTxn;
import io.zkensemble.node.wire.txn.CloseSessionTxn;
import io.zkensemble.node.wire.txn.CreateContainerTxn;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.DeleteTxn;
import io.zkensemble.node.wire.txn.ErrorTxn;
import io.zkensemble.node.wire.txn.MultiTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.Txn;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Turns a write request into the transaction that every server will apply, with the checks and in
 * the order of Apache's PrepRequestProcessor, so that a failing write fails with Apache's error
 * code. A failed write still becomes a transaction (an ErrorTxn with its own zxid), as in Apache.
 * Each write is checked against the tree as the writes prepared before it will leave it.
 */
final class WritePreparer {
  private static final Logger LOG = Logger.getLogger(WritePreparer.class);

  private final DataTree tree;
  private final PendingChanges pending;

  WritePreparer(DataTree tree) {
    this.tree = tree;
    this.pending = new PendingChanges(tree);
  }

  static boolean isWrite(int type) {
    return switch (type) {
      case OpCode.CREATE,
          OpCode.CREATE2,
          OpCode.CREATE_CONTAINER,
          OpCode.CREATE_TTL,
          OpCode.DELETE,
          OpCode.SET_DATA,
          OpCode.MULTI,
          OpCode.CLOSE_SESSION ->
          true;
      default -> false;
    };
  }

  /** The tree has applied the transaction with {@code zxid}. */
  void applied(long zxid) {
    pending.applied(zxid);
  }

  Transaction prepare(long sessionId, ClientRequest request, long zxid, long time) {
    TxnHeader header = new TxnHeader(sessionId, request.xid(), zxid, time, request.type());
    if (request.malformed()) {
      // Only a multi gets here: Apache gives a multi that does not decode a zxid of its own.
      return error(header, ErrorCode.MARSHALLING_ERROR);
    }
    try {
      if (request.type() == OpCode.MULTI) {
        return new Transaction(header, multi(sessionId, (MultiRequest) request.body(), zxid));
      }
      return new Transaction(header, prepareOp(sessionId, request.type(), request.body(), zxid));
    } catch (ZkError e) {
      return error(header, e.code());
    } catch (RuntimeException e) {
      // A request with fields Apache's client never sends (a null path or data list).
      LOG.errorf(e, "Failed to prepare %s xid %d", OpCode.name(request.type()), request.xid());
      return error(header, ErrorCode.MARSHALLING_ERROR);
    }
  }

  /** A transaction that only answers an error, with its own zxid. */
  static Transaction error(TxnHeader header, int code) {
    TxnHeader errorHeader =
        new TxnHeader(header.clientId(), header.cxid(), header.zxid(), header.time(), OpCode.ERROR);
    return new Transaction(errorHeader, new ErrorTxn(code));
  }

  private JuteRecord prepareOp(long sessionId, int type, JuteRecord request, long zxid) {
    return switch (type) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER ->
          create(sessionId, type, (CreateRequest) request, zxid);
      // TTL nodes need extendedTypesEnabled, which is off: Apache answers Unimplemented.
      case OpCode.CREATE_TTL -> throw new ZkError(ErrorCode.UNIMPLEMENTED, null);
      case OpCode.DELETE -> delete((DeleteRequest) request, zxid);
      case OpCode.SET_DATA -> setData((SetDataRequest) request, zxid);
      case OpCode.CHECK -> check((CheckVersionRequest) request);
      case OpCode.CLOSE_SESSION -> closeSession(sessionId, zxid);
      default -> throw new IllegalArgumentException("not a write: " + type);
    };
  }

  /**
   * All or nothing, as Apache's multi: the ops before the first failure keep their txns (applying
   * then turns them into Ok results), the failing op gets its error and every later op
   * RuntimeInconsistency; what the failed multi had changed is taken back.
   */
  private MultiTxn multi(long sessionId, MultiRequest request, long zxid) {
    List<Txn> txns = new ArrayList<>();
    boolean failed = false;
    for (MultiRequest.Op op : request.ops()) {
      if (failed) {
        txns.add(txn(OpCode.ERROR, new ErrorTxn(ErrorCode.RUNTIME_INCONSISTENCY)));
        continue;
      }
      try {
        txns.add(txn(op.type(), prepareOp(sessionId, op.type(), op.request(), zxid)));
      } catch (ZkError e) {
        failed = true;
        txns.add(txn(OpCode.ERROR, new ErrorTxn(e.code())));
        pending.rollback(zxid);
      }
    }
    return new MultiTxn(txns);
  }

  private static Txn txn(int type, JuteRecord record) {
    Buffer bytes = Buffer.buffer();
    record.writeTo(new JuteOutput(bytes));
    return new Txn(type, bytes.getBytes());
  }

  private JuteRecord create(long sessionId, int type, CreateRequest request, long zxid) {
    CreateMode mode = CreateMode.of(request.flags(), request.path());
    String path = request.path();
    int lastSlash = path.lastIndexOf('/');
    if (lastSlash == -1 || path.indexOf('\0') != -1) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
    }
    List<ACL> acl = AclValidator.fixup(path, request.acl());
    String parentPath = lastSlash == 0 ? "/" : path.substring(0, lastSlash);
    NodeView parent = existing(parentPath);
    if (mode.sequential()) {
      path = path + String.format(Locale.ENGLISH, "%010d", parent.cversion());
    }
    Paths.validate(path);
    if (pending.view(path).isPresent()) {
      throw new ZkError(ErrorCode.NODE_EXISTS, path);
    }
    if (EphemeralType.isSession(parent.ephemeralOwner())) {
      throw new ZkError(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS, path);
    }
    NodeView updatedParent = parent.withChildCreated();
    pending.put(zxid, parentPath, updatedParent);
    long owner =
        type == OpCode.CREATE_CONTAINER
            ? EphemeralType.CONTAINER_OWNER
            : mode.ephemeral() ? sessionId : 0;
    pending.put(zxid, path, NodeView.created(owner));
    if (type == OpCode.CREATE_CONTAINER) {
      return new CreateContainerTxn(path, request.data(), acl, updatedParent.cversion());
    }
    return new CreateTxn(path, request.data(), acl, mode.ephemeral(), updatedParent.cversion());
  }

  private DeleteTxn delete(DeleteRequest request, long zxid) {
    String path = request.path();
    if (path.lastIndexOf('/') == -1 || path.indexOf('\0') != -1 || DataTree.isSpecialPath(path)) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
    }
    String parentPath = Paths.parent(path);
    NodeView parent = existing(parentPath);
    NodeView node = existing(path);
    checkVersion(node.version(), request.version(), path);
    if (node.numChildren() > 0) {
      throw new ZkError(ErrorCode.NOT_EMPTY, path);
    }
    pending.put(zxid, parentPath, parent.withChildDeleted());
    pending.delete(zxid, path);
    return new DeleteTxn(path);
  }

  private SetDataTxn setData(SetDataRequest request, long zxid) {
    String path = request.path();
    Paths.validate(path);
    NodeView node = existing(path);
    checkVersion(node.version(), request.version(), path);
    int newVersion = node.version() + 1;
    pending.put(zxid, path, node.withVersion(newVersion));
    return new SetDataTxn(path, request.data(), newVersion);
  }

  private CheckVersionTxn check(CheckVersionRequest request) {
    String path = request.path();
    Paths.validate(path);
    NodeView node = existing(path);
    checkVersion(node.version(), request.version(), path);
    return new CheckVersionTxn(path, node.version() + 1);
  }

  private CloseSessionTxn closeSession(long sessionId, long zxid) {
    List<String> paths = new ArrayList<>();
    for (String path : tree.ephemerals(sessionId)) {
      if (pending.view(path).isPresent()) {
        paths.add(path);
      }
    }
    for (String path : paths) {
      pending
          .view(Paths.parent(path))
          .ifPresent(parent -> pending.put(zxid, Paths.parent(path), parent.withChildDeleted()));
      pending.delete(zxid, path);
    }
    return new CloseSessionTxn(paths);
  }

  private NodeView existing(String path) {
    return pending.view(path).orElseThrow(() -> new ZkError(ErrorCode.NO_NODE, path));
  }

  /** -1 matches any version (Apache's checkAndIncVersion). */
  private static void checkVersion(int current, int expected, String path) {
    if (expected != -1 && expected != current) {
      throw new ZkError(ErrorCode.BAD_VERSION, path);
    }
  }

  /** The create flags of Apache's CreateMode that this node serves. */
  private record CreateMode(boolean ephemeral, boolean sequential) {
    static CreateMode of(int flags, String path) {
      return switch (flags) {
        // 4 is CONTAINER: sent as a plain create (not createContainer) Apache makes it persistent.
        case 0, 4 -> new CreateMode(false, false);
        case 1 -> new CreateMode(true, false);
        case 2 -> new CreateMode(false, true);
        case 3 -> new CreateMode(true, true);
        // TTL modes need extendedTypesEnabled, which is off (Apache answers Unimplemented).
        case 5, 6 -> throw new ZkError(ErrorCode.UNIMPLEMENTED, path);
        default -> throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
      };
    }
  }
}

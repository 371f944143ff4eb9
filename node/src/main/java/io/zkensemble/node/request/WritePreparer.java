package io.zkensemble.node.request;

import io.zkensemble.node.tree.DataNode;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.tree.Paths;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.proto.CreateRequest;
import io.zkensemble.node.wire.proto.DeleteRequest;
import io.zkensemble.node.wire.proto.SetDataRequest;
import io.zkensemble.node.wire.txn.CloseSessionTxn;
import io.zkensemble.node.wire.txn.CreateContainerTxn;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.DeleteTxn;
import io.zkensemble.node.wire.txn.ErrorTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Turns a write request into the transaction that every server will apply, with the checks and in
 * the order of Apache's PrepRequestProcessor, so that a failing write fails with Apache's error
 * code. A failed write still becomes a transaction (an ErrorTxn with its own zxid), as in Apache.
 */
final class WritePreparer {
  private static final Logger LOG = Logger.getLogger(WritePreparer.class);

  private final DataTree tree;

  WritePreparer(DataTree tree) {
    this.tree = tree;
  }

  static boolean isWrite(int type) {
    return switch (type) {
      case OpCode.CREATE,
          OpCode.CREATE2,
          OpCode.CREATE_CONTAINER,
          OpCode.DELETE,
          OpCode.SET_DATA,
          OpCode.CLOSE_SESSION ->
          true;
      default -> false;
    };
  }

  Transaction prepare(long sessionId, ClientRequest request, long zxid, long time) {
    TxnHeader header = new TxnHeader(sessionId, request.xid(), zxid, time, request.type());
    try {
      JuteRecord body =
          switch (request.type()) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER ->
                create(sessionId, request.type(), (CreateRequest) request.body());
            case OpCode.DELETE -> delete((DeleteRequest) request.body());
            case OpCode.SET_DATA -> setData((SetDataRequest) request.body());
            case OpCode.CLOSE_SESSION -> new CloseSessionTxn(tree.ephemerals(sessionId));
            default -> throw new IllegalArgumentException("not a write: " + request.type());
          };
      return new Transaction(header, body);
    } catch (ZkError e) {
      return error(header, e.code());
    } catch (RuntimeException e) {
      // A request with fields Apache's client never sends (a null path or data list).
      LOG.errorf(
          e, "Failed to prepare %s request xid %d", OpCode.name(request.type()), request.xid());
      return error(header, ErrorCode.MARSHALLING_ERROR);
    }
  }

  private static Transaction error(TxnHeader header, int code) {
    TxnHeader errorHeader =
        new TxnHeader(header.clientId(), header.cxid(), header.zxid(), header.time(), OpCode.ERROR);
    return new Transaction(errorHeader, new ErrorTxn(code));
  }

  private JuteRecord create(long sessionId, int type, CreateRequest request) {
    CreateMode mode = CreateMode.of(request.flags(), request.path());
    String path = request.path();
    int lastSlash = path.lastIndexOf('/');
    if (lastSlash == -1 || path.indexOf('\0') != -1) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
    }
    List<ACL> acl = AclValidator.fixup(path, request.acl());
    DataNode parent = existing(lastSlash == 0 ? "/" : path.substring(0, lastSlash));
    if (mode.sequential()) {
      path = path + String.format(Locale.ENGLISH, "%010d", parent.storedCversion());
    }
    Paths.validate(path);
    if (tree.node(path) != null) {
      throw new ZkError(ErrorCode.NODE_EXISTS, path);
    }
    if (EphemeralType.isSession(parent.ephemeralOwner())) {
      throw new ZkError(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS, path);
    }
    int parentCVersion = parent.storedCversion() + 1;
    if (type == OpCode.CREATE_CONTAINER) {
      return new CreateContainerTxn(path, request.data(), acl, parentCVersion);
    }
    return new CreateTxn(path, request.data(), acl, mode.ephemeral(), parentCVersion);
  }

  private DeleteTxn delete(DeleteRequest request) {
    String path = request.path();
    if (path.lastIndexOf('/') == -1 || path.indexOf('\0') != -1 || DataTree.isSpecialPath(path)) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
    }
    existing(Paths.parent(path));
    DataNode node = existing(path);
    checkVersion(node.version(), request.version(), path);
    if (node.numChildren() > 0) {
      throw new ZkError(ErrorCode.NOT_EMPTY, path);
    }
    return new DeleteTxn(path);
  }

  private SetDataTxn setData(SetDataRequest request) {
    String path = request.path();
    Paths.validate(path);
    DataNode node = existing(path);
    checkVersion(node.version(), request.version(), path);
    return new SetDataTxn(path, request.data(), node.version() + 1);
  }

  private DataNode existing(String path) {
    DataNode node = tree.node(path);
    if (node == null) {
      throw new ZkError(ErrorCode.NO_NODE, path);
    }
    return node;
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

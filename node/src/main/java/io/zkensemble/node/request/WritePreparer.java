package io.zkensemble.node.request;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.auth.Authenticator;
import io.zkensemble.node.auth.Perms;
import io.zkensemble.node.config.ServerOptions;
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
import io.zkensemble.node.wire.data.Id;
import io.zkensemble.node.wire.proto.CheckVersionRequest;
import io.zkensemble.node.wire.proto.CreateRequest;
import io.zkensemble.node.wire.proto.CreateTTLRequest;
import io.zkensemble.node.wire.proto.DeleteContainerRequest;
import io.zkensemble.node.wire.proto.DeleteRequest;
import io.zkensemble.node.wire.proto.MultiRequest;
import io.zkensemble.node.wire.proto.ReconfigRequest;
import io.zkensemble.node.wire.proto.SetACLRequest;
import io.zkensemble.node.wire.proto.SetDataRequest;
import io.zkensemble.node.wire.txn.CheckVersionTxn;
import io.zkensemble.node.wire.txn.CloseSessionTxn;
import io.zkensemble.node.wire.txn.CreateContainerTxn;
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
  private final EphemeralType types;
  private final Authenticator auth;
  private final QuotaCheck quota;
  private final PendingChanges pending;

  /** The ensemble while this server leads; null otherwise (reconfig is then disabled). */
  private Reconfigurer reconfigurer;

  WritePreparer(DataTree tree, Authenticator auth, ServerOptions options) {
    this.tree = tree;
    this.types = tree.types();
    this.auth = auth;
    this.quota = new QuotaCheck(tree, options.enforceQuota());
    this.pending = new PendingChanges(tree);
  }

  static boolean isWrite(int type) {
    return switch (type) {
      case OpCode.CREATE,
          OpCode.CREATE2,
          OpCode.CREATE_CONTAINER,
          OpCode.CREATE_TTL,
          OpCode.DELETE,
          OpCode.DELETE_CONTAINER,
          OpCode.SET_DATA,
          OpCode.SET_ACL,
          OpCode.RECONFIG,
          OpCode.MULTI,
          OpCode.CLOSE_SESSION ->
          true;
      default -> false;
    };
  }

  void reconfigurer(Reconfigurer reconfigurer) {
    this.reconfigurer = reconfigurer;
  }

  /** The prepared writes will never be applied (the log failed): check against the tree again. */
  void forgetPending() {
    pending.clear();
  }

  /** The tree has applied the transaction with {@code zxid}. */
  void applied(long zxid) {
    pending.applied(zxid);
  }

  /**
   * Prepares {@code request} of {@code sessionId}, whose connection holds {@code ids}, into the
   * transaction with {@code zxid}.
   */
  Transaction prepare(long sessionId, List<Id> ids, ClientRequest request, long zxid, long time) {
    TxnHeader header = new TxnHeader(sessionId, request.xid(), zxid, time, request.type());
    if (request.malformed()) {
      // Only a multi gets here: Apache gives a multi that does not decode a zxid of its own.
      return error(header, ErrorCode.MARSHALLING_ERROR);
    }
    Op op = new Op(sessionId, ids, zxid, time);
    try {
      if (request.type() == OpCode.MULTI) {
        return new Transaction(header, op.multi((MultiRequest) request.body()));
      }
      return new Transaction(header, op.prepare(request.type(), request.body()));
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

  /** One write being prepared: who asks, and the zxid and time its transaction will carry. */
  private final class Op {
    private final long sessionId;
    private final List<Id> ids;
    private final long zxid;
    private final long time;

    Op(long sessionId, List<Id> ids, long zxid, long time) {
      this.sessionId = sessionId;
      this.ids = ids;
      this.zxid = zxid;
      this.time = time;
    }

    JuteRecord prepare(int type, JuteRecord request) {
      return switch (type) {
        case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> {
          CreateRequest create = (CreateRequest) request;
          yield create(type, create.path(), create.data(), create.acl(), create.flags(), -1);
        }
        case OpCode.CREATE_TTL -> {
          CreateTTLRequest create = (CreateTTLRequest) request;
          yield create(
              type, create.path(), create.data(), create.acl(), create.flags(), create.ttl());
        }
        case OpCode.DELETE -> delete((DeleteRequest) request);
        case OpCode.DELETE_CONTAINER -> deleteContainer((DeleteContainerRequest) request);
        case OpCode.SET_DATA -> setData((SetDataRequest) request);
        case OpCode.SET_ACL -> setAcl((SetACLRequest) request);
        case OpCode.CHECK -> check((CheckVersionRequest) request);
        case OpCode.RECONFIG -> reconfig((ReconfigRequest) request);
        case OpCode.CLOSE_SESSION -> closeSession();
        default -> throw new IllegalArgumentException("not a write: " + type);
      };
    }

    /**
     * All or nothing, as Apache's multi: the ops before the first failure keep their txns (applying
     * then turns them into Ok results), the failing op gets its error and every later op
     * RuntimeInconsistency; what the failed multi had changed is taken back.
     */
    MultiTxn multi(MultiRequest request) {
      List<Txn> txns = new ArrayList<>();
      boolean failed = false;
      for (MultiRequest.Op op : request.ops()) {
        if (failed) {
          txns.add(txn(OpCode.ERROR, new ErrorTxn(ErrorCode.RUNTIME_INCONSISTENCY)));
          continue;
        }
        try {
          txns.add(txn(op.type(), prepare(op.type(), op.request())));
        } catch (ZkError e) {
          failed = true;
          txns.add(txn(OpCode.ERROR, new ErrorTxn(e.code())));
          pending.rollback(zxid);
        }
      }
      return new MultiTxn(txns);
    }

    private JuteRecord create(
        int type, String requestedPath, byte[] data, List<ACL> requestedAcl, int flags, long ttl) {
      CreateMode mode = CreateMode.of(flags, requestedPath);
      if (mode.ttl() && !types.extendedTypesEnabled()) {
        throw new ZkError(ErrorCode.UNIMPLEMENTED, requestedPath);
      }
      validateTtl(mode, ttl, requestedPath);
      String path = requestedPath;
      int lastSlash = path.lastIndexOf('/');
      if (lastSlash == -1 || path.indexOf('\0') != -1) {
        throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
      }
      List<ACL> acl = fixupAcl(path, requestedAcl);
      String parentPath = lastSlash == 0 ? "/" : path.substring(0, lastSlash);
      NodeView parent = existing(parentPath);
      checkAcl(parent, Perms.CREATE, path);
      if (mode.sequential()) {
        path = path + String.format(Locale.ENGLISH, "%010d", parent.cversion());
      }
      Paths.validate(path);
      if (pending.view(path).isPresent()) {
        throw new ZkError(ErrorCode.NODE_EXISTS, path);
      }
      if (types.isSession(parent.ephemeralOwner())) {
        throw new ZkError(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS, path);
      }
      quota.check(path, data == null ? 0 : data.length, 1);
      NodeView updatedParent = parent.withChildCreated();
      int cversion = updatedParent.cversion();
      long owner;
      JuteRecord txn;
      if (type == OpCode.CREATE_CONTAINER) {
        owner = EphemeralType.CONTAINER_OWNER;
        txn = new CreateContainerTxn(path, data, acl, cversion);
      } else if (type == OpCode.CREATE_TTL) {
        owner = EphemeralType.ttlOwner(ttl);
        txn = new CreateTTLTxn(path, data, acl, cversion, ttl);
      } else {
        owner = mode.ephemeral() ? sessionId : 0;
        txn = new CreateTxn(path, data, acl, mode.ephemeral(), cversion);
      }
      pending.put(zxid, parentPath, updatedParent);
      pending.put(zxid, path, NodeView.created(owner, data == null ? 0 : data.length, acl));
      return txn;
    }

    /** Apache's EphemeralType.validateTTL: a TTL mode needs 0 < ttl <= max, others no ttl. */
    private static void validateTtl(CreateMode mode, long ttl, String path) {
      boolean valid = mode.ttl() ? ttl > 0 && ttl <= EphemeralType.MAX_TTL : ttl < 0;
      if (!valid) {
        throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
      }
    }

    private DeleteTxn delete(DeleteRequest request) {
      String path = request.path();
      String parentPath = parentForDelete(path);
      NodeView parent = existing(parentPath);
      checkAcl(parent, Perms.DELETE, path);
      NodeView node = existing(path);
      checkVersion(node.version(), request.version(), path);
      if (node.numChildren() > 0) {
        throw new ZkError(ErrorCode.NOT_EMPTY, path);
      }
      pending.put(zxid, parentPath, parent.withChildDeleted());
      pending.delete(zxid, path);
      return new DeleteTxn(path);
    }

    /** The container reaper's delete (Apache's deleteContainer): no ACL, no version. */
    private DeleteTxn deleteContainer(DeleteContainerRequest request) {
      String path = request.path();
      String parentPath = parentForDelete(path);
      NodeView node = existing(path);
      if (node.numChildren() > 0) {
        throw new ZkError(ErrorCode.NOT_EMPTY, path);
      }
      if (types.isSession(node.ephemeralOwner())) {
        // Apache's answer when the node is an ordinary ephemeral.
        throw new ZkError(ErrorCode.BAD_VERSION, path);
      }
      NodeView parent = existing(parentPath);
      pending.put(zxid, parentPath, parent.withChildDeleted());
      pending.delete(zxid, path);
      return new DeleteTxn(path);
    }

    private String parentForDelete(String path) {
      if (path.lastIndexOf('/') == -1 || path.indexOf('\0') != -1 || DataTree.isSpecialPath(path)) {
        throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
      }
      return Paths.parent(path);
    }

    private SetDataTxn setData(SetDataRequest request) {
      String path = request.path();
      Paths.validate(path);
      NodeView node = existing(path);
      checkAcl(node, Perms.WRITE, path);
      int length = request.data() == null ? 0 : request.data().length;
      quota.check(path, length - node.dataLength(), 0);
      checkVersion(node.version(), request.version(), path);
      int newVersion = node.version() + 1;
      pending.put(zxid, path, node.withData(newVersion, length));
      return new SetDataTxn(path, request.data(), newVersion);
    }

    /**
     * Apache's order: the ensemble's checks first (disabled, in progress, version, form, synced
     * quorum), then WRITE on /zookeeper/config (READ only for everyone: only the super user, or
     * skipACL); the transaction is a SetDataTxn of the new configuration with version -1.
     */
    private SetDataTxn reconfig(ReconfigRequest request) {
      if (reconfigurer == null) {
        throw new ZkError(ErrorCode.RECONFIG_DISABLED, null);
      }
      byte[] configuration = reconfigurer.configuration(request, zxid);
      checkAcl(existing(DataTree.CONFIG), Perms.WRITE, DataTree.CONFIG);
      return new SetDataTxn(DataTree.CONFIG, configuration, -1);
    }

    private SetACLTxn setAcl(SetACLRequest request) {
      String path = request.path();
      Paths.validate(path);
      List<ACL> acl = fixupAcl(path, request.acl());
      NodeView node = existing(path);
      checkAcl(node, Perms.ADMIN, path);
      checkVersion(node.aversion(), request.version(), path);
      int newVersion = node.aversion() + 1;
      pending.put(zxid, path, node.withAcl(newVersion, acl));
      return new SetACLTxn(path, acl, newVersion);
    }

    private CheckVersionTxn check(CheckVersionRequest request) {
      String path = request.path();
      Paths.validate(path);
      NodeView node = existing(path);
      checkAcl(node, Perms.READ, path);
      checkVersion(node.version(), request.version(), path);
      return new CheckVersionTxn(path, node.version() + 1);
    }

    private CloseSessionTxn closeSession() {
      List<String> paths = new ArrayList<>();
      for (String path : tree.ephemerals(sessionId)) {
        if (pending.view(path).isPresent()) {
          paths.add(path);
        }
      }
      for (String path : paths) {
        String parentPath = Paths.parent(path);
        pending
            .view(parentPath)
            .ifPresent(parent -> pending.put(zxid, parentPath, parent.withChildDeleted()));
        pending.delete(zxid, path);
      }
      return new CloseSessionTxn(paths);
    }

    private List<ACL> fixupAcl(String path, List<ACL> acl) {
      List<ACL> fixed = auth.fixup(acl, ids);
      if (fixed == null) {
        throw new ZkError(ErrorCode.INVALID_ACL, path);
      }
      return fixed;
    }

    private void checkAcl(NodeView node, int perm, String path) {
      if (!auth.allows(node.acl(), perm, ids)) {
        throw new ZkError(ErrorCode.NO_AUTH, path);
      }
    }
  }

  private static Txn txn(int type, JuteRecord record) {
    Buffer bytes = Buffer.buffer();
    record.writeTo(new JuteOutput(bytes));
    return new Txn(type, bytes.getBytes());
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

  /** Apache's CreateMode flags: 0..3 as named, 4 container, 5 and 6 with a TTL. */
  private record CreateMode(boolean ephemeral, boolean sequential, boolean ttl) {
    static CreateMode of(int flags, String path) {
      return switch (flags) {
        // 4 is CONTAINER: sent as a plain create (not createContainer) Apache makes it persistent.
        case 0, 4 -> new CreateMode(false, false, false);
        case 1 -> new CreateMode(true, false, false);
        case 2 -> new CreateMode(false, true, false);
        case 3 -> new CreateMode(true, true, false);
        case 5 -> new CreateMode(false, false, true);
        case 6 -> new CreateMode(false, true, true);
        default -> throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
      };
    }
  }
}

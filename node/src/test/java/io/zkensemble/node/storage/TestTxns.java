package io.zkensemble.node.storage;

import io.zkensemble.node.tree.AclCache;
import io.zkensemble.node.tree.DataNode;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.TxnApplier;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.txn.CreateSessionTxn;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.TxnHeader;
import io.zkensemble.node.zab.Entry;
import io.zkensemble.node.zab.Zxid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Transactions for the storage tests, as a replicated log holds them, and the state they lead to. A
 * history is a run of zxids in one epoch: its first transaction creates a session, then each
 * creates a node named after its zxid and a {@code tag}, and every fifth sets the data of the
 * history's first node, so that histories with different tags diverge.
 */
final class TestTxns {
  private TestTxns() {}

  static long zxid(long epoch, long counter) {
    return Zxid.make(epoch, counter);
  }

  /** Counters {@code from}..{@code to} of {@code epoch}. */
  static List<Transaction> history(String tag, long epoch, int from, int to) {
    List<Transaction> txns = new ArrayList<>();
    for (int counter = from; counter <= to; counter++) {
      long zxid = zxid(epoch, counter);
      TxnHeader header = new TxnHeader(epoch, counter, zxid, 1000L * counter, OpCode.CREATE);
      if (counter == 1) {
        header = new TxnHeader(epoch, 0, zxid, 1000L, OpCode.CREATE_SESSION);
        txns.add(new Transaction(header, new CreateSessionTxn(30_000)));
      } else if (counter % 5 == 0) {
        header = new TxnHeader(epoch, counter, zxid, 1000L * counter, OpCode.SET_DATA);
        String first = path(tag, zxid(epoch, 2));
        txns.add(new Transaction(header, new SetDataTxn(first, bytes(tag + counter), -1)));
      } else {
        CreateTxn create =
            new CreateTxn(path(tag, zxid), bytes(tag + zxid), AclCache.OPEN_ACL_UNSAFE, false, -1);
        txns.add(new Transaction(header, create));
      }
    }
    return txns;
  }

  static List<Transaction> concat(List<Transaction> first, List<Transaction> second) {
    List<Transaction> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The transactions up to {@code zxid}. */
  static List<Transaction> upTo(List<Transaction> txns, long zxid) {
    return txns.stream().filter(t -> t.zxid() <= zxid).toList();
  }

  static Entry entry(Transaction txn) {
    return new Entry(txn.zxid(), TxnCodec.bytes(txn));
  }

  /** A fresh database with {@code txns} applied, as a replica that logged exactly them has. */
  static ZkDatabase apply(List<Transaction> txns) {
    ZkDatabase db = new ZkDatabase(new EphemeralType(false));
    for (Transaction txn : txns) {
      TxnApplier.apply(db, txn);
    }
    return db;
  }

  /** Every session and node (outside /zookeeper) with its stat, data and ACL, in path order. */
  static List<String> dump(ZkDatabase db) {
    List<String> lines = new ArrayList<>();
    lines.add("lastProcessedZxid " + Zxid.hex(db.tree().lastProcessedZxid()));
    new TreeMap<>(db.sessionTimeouts()).forEach((id, timeout) -> lines.add("session " + id));
    dump(db, "/", lines);
    return lines;
  }

  private static void dump(ZkDatabase db, String path, List<String> lines) {
    DataNode node = db.tree().node(path);
    lines.add(
        path
            + " "
            + db.tree().stat(node)
            + " "
            + new String(node.data() == null ? new byte[0] : node.data(), StandardCharsets.UTF_8)
            + " "
            + db.tree().acl(node));
    for (String child : node.children().stream().sorted().toList()) {
      String childPath = path.equals("/") ? "/" + child : path + "/" + child;
      if (!childPath.equals("/zookeeper")) {
        dump(db, childPath, lines);
      }
    }
  }

  /** Path and data of every node outside /zookeeper: what Apache's view is compared on. */
  static Map<String, String> contents(ZkDatabase db) {
    Map<String, String> contents = new TreeMap<>();
    for (String line : dump(db)) {
      if (line.startsWith("/")) {
        String path = line.substring(0, line.indexOf(' '));
        byte[] data = db.tree().node(path).data();
        contents.put(path, data == null ? "" : new String(data, StandardCharsets.UTF_8));
      }
    }
    return contents;
  }

  private static String path(String tag, long zxid) {
    return "/" + tag + "-" + Long.toHexString(zxid);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

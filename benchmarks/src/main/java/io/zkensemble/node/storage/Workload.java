package io.zkensemble.node.storage;

import io.zkensemble.node.tree.AclCache;
import io.zkensemble.node.tree.EphemeralType;
import io.zkensemble.node.txn.Transaction;
import io.zkensemble.node.txn.TxnApplier;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data the benchmarks write: znodes under a few hundred parents ({@code /app/group-NNN}), each
 * holding 100 bytes of JSON-like text, as service registries and configuration stores keep.
 */
final class Workload {
  static final int PARENTS = 500;
  static final int DATA_SIZE = 100;

  private static final long SESSION = 0x100000a2b3c0000L;

  private Workload() {}

  static String parent(int group) {
    return String.format("/app/group-%03d", group);
  }

  static String leaf(long index) {
    return String.format("%s/node-%07d", parent((int) (index % PARENTS)), index);
  }

  /** 100 bytes that differ from node to node but compress as real registry entries do. */
  static byte[] data(long index) {
    String json =
        String.format(
            "{\"id\":%d,\"host\":\"host-%05d.zone-%d.example.org\",\"port\":%d,\"state\":\"ACTIVE\"}",
            index, index % 20_000, index % 3, 8000 + index % 1000);
    byte[] bytes = Arrays.copyOf(json.getBytes(StandardCharsets.US_ASCII), DATA_SIZE);
    Arrays.fill(bytes, Math.min(json.length(), DATA_SIZE), DATA_SIZE, (byte) ' ');
    return bytes;
  }

  /** {@code size} setData transactions on distinct leaves, with consecutive zxids. */
  static List<Transaction> setDataBatch(int size) {
    List<Transaction> batch = new ArrayList<>(size);
    long now = System.currentTimeMillis();
    for (int i = 0; i < size; i++) {
      TxnHeader header = new TxnHeader(SESSION, i + 1, i + 1, now, OpCode.SET_DATA);
      batch.add(new Transaction(header, new SetDataTxn(leaf(i), data(i), 1)));
    }
    return batch;
  }

  /** A database built as the node builds one, by applying the creates of {@code leaves} znodes. */
  static ZkDatabase tree(int leaves) {
    ZkDatabase db = new ZkDatabase(new EphemeralType(false));
    long now = System.currentTimeMillis();
    long zxid = 0;
    create(db, "/app", new byte[0], ++zxid, now, 1);
    for (int group = 0; group < PARENTS; group++) {
      create(db, parent(group), data(group), ++zxid, now, group + 1);
    }
    for (long i = 0; i < leaves; i++) {
      int parentCVersion = (int) (i / PARENTS) + 1;
      create(db, leaf(i), data(i), ++zxid, now, parentCVersion);
    }
    return db;
  }

  private static void create(
      ZkDatabase db, String path, byte[] data, long zxid, long time, int parentCVersion) {
    TxnHeader header = new TxnHeader(SESSION, (int) zxid, zxid, time, OpCode.CREATE);
    CreateTxn create = new CreateTxn(path, data, AclCache.OPEN_ACL_UNSAFE, false, parentCVersion);
    int err = TxnApplier.apply(db, new Transaction(header, create)).err();
    if (err != 0) {
      throw new IllegalStateException("create " + path + " failed with error " + err);
    }
  }

  /** Deletes {@code dir} and everything in it. */
  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

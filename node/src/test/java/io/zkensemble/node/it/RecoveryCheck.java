package io.zkensemble.node.it;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * What a crash test checks after a restart: the recovered tree is the tree before the cycle plus a
 * prefix of the cycle's writes that holds every acknowledged one, each exactly as its reply said.
 *
 * <ol>
 *   <li>Apply the acknowledged writes to the model, checking each reply against it: a created
 *       node's name and Stat, a node's new version, a zxid above every zxid before it.
 *   <li>Find how many writes the recovered tree holds: the acknowledged ones plus 0, 1, 2, ... of
 *       the unacknowledged ones after them, a multi counting whole. If none fits, an acknowledged
 *       write was lost, a multi half-applied, or a write applied without one sent before it.
 *   <li>Check every czxid, mzxid and pzxid: the acknowledged zxid, or for an unacknowledged write
 *       one above the last acknowledged zxid; one zxid per write, increasing in the order of
 *       writes.
 * </ol>
 */
final class RecoveryCheck {
  /** How many differences a failure lists before it cuts the list short. */
  private static final int SHOWN_LINES = 40;

  /** The model after recovery, every zxid read back, and how many writes of the cycle it holds. */
  record Recovered(ModelTree tree, int sent, int acknowledged, int recovered) {}

  private RecoveryCheck() {}

  /**
   * Checks that {@code observed}, read after the restart, is {@code before} plus a prefix of the
   * writes in {@code log} holding every acknowledged one; {@code where} (seed, cycle) starts every
   * failure message.
   */
  static Recovered check(ModelTree before, AckLog log, ObservedTree observed, String where) {
    List<AckLog.Reply> replies = log.acknowledged(where);
    List<AckLog.Issued> sent = log.issued();
    ModelTree tree = before.copy();
    for (int i = 0; i < replies.size(); i++) {
      AckLog.Issued write = sent.get(i);
      tree.apply(write.write(), acknowledgedZxid(tree, write, replies.get(i), where));
    }
    long lastAcknowledged = tree.lastZxid();
    List<String> missingAcknowledged = tree.differences(observed);
    List<String> differences = missingAcknowledged;
    int recovered = replies.size();
    while (!differences.isEmpty()) {
      if (recovered == sent.size()) {
        throw new AssertionError(
            String.format(
                "%s: the recovered tree is not the tree before the cycle plus its %d acknowledged"
                    + " writes and some of the %d sent after them: an acknowledged write was"
                    + " lost, a multi half-applied, or a write applied without one before it."
                    + "%nDifferences from the tree the acknowledged writes leave:%n%s"
                    + "%nWrites sent but not acknowledged (in flight at the kill or after it):%n%s",
                where,
                replies.size(),
                sent.size() - replies.size(),
                lines(missingAcknowledged),
                lines(
                    sent.subList(replies.size(), sent.size()).stream()
                        .map(write -> "#" + write.seq() + " " + write.write().describe())
                        .toList())));
      }
      AckLog.Issued write = sent.get(recovered);
      tree.apply(write.write(), Zxid.above(write.seq(), lastAcknowledged));
      recovered++;
      differences = tree.differences(observed);
    }
    List<String> zxidProblems = tree.zxidProblems(observed);
    if (!zxidProblems.isEmpty()) {
      throw new AssertionError(
          String.format(
              "%s: the recovered tree holds the %d acknowledged writes and %d unacknowledged ones,"
                  + " but with wrong zxids:%n%s",
              where, replies.size(), recovered - replies.size(), lines(zxidProblems)));
    }
    return new Recovered(tree.adopt(observed), sent.size(), replies.size(), recovered);
  }

  /** The zxid {@code reply} gives {@code write}, after checking the reply against {@code tree}. */
  private static Zxid acknowledgedZxid(
      ModelTree tree, AckLog.Issued write, AckLog.Reply reply, String where) {
    String what =
        where
            + ": the reply to acknowledged write #"
            + write.seq()
            + " ("
            + write.write().describe()
            + ")";
    long zxid =
        switch (write.write()) {
          case Write.Create create -> created(create, reply.name(), reply.stat(), what);
          case Write.SetData setData -> set(tree, setData, reply.stat(), what);
          case Write.Delete delete -> 0;
          case Write.Multi multi -> multi(tree, multi, reply.results(), what);
        };
    if (zxid == 0) {
      return Zxid.above(write.seq(), tree.lastZxid());
    }
    if (zxid <= tree.lastZxid()) {
      throw new AssertionError(
          String.format(
              "%s: zxid 0x%x is not above 0x%x, the highest acknowledged or recovered before it",
              what, zxid, tree.lastZxid()));
    }
    return Zxid.exact(write.seq(), zxid);
  }

  /** Checks a create's name and Stat; returns its zxid. */
  private static long created(Write.Create create, String name, Stat stat, String what) {
    expect(what, "name", create.path(), name);
    expect(what, "version", 0, stat.getVersion());
    expect(what, "cversion", 0, stat.getCversion());
    expect(what, "numChildren", 0, stat.getNumChildren());
    expect(what, "dataLength", Write.bytes(create.data()).length, stat.getDataLength());
    expect(what, "ephemeralOwner", 0L, stat.getEphemeralOwner());
    expect(what, "mzxid", stat.getCzxid(), stat.getMzxid());
    expect(what, "pzxid", stat.getCzxid(), stat.getPzxid());
    return stat.getCzxid();
  }

  /** Checks a setData's Stat against the node before it; returns its zxid. */
  private static long set(ModelTree tree, Write.SetData setData, Stat stat, String what) {
    ModelTree.Node node = tree.node(setData.path()).orElseThrow();
    expect(what, "version", node.version() + 1, stat.getVersion());
    expect(what, "dataLength", Write.bytes(setData.data()).length, stat.getDataLength());
    if (!node.czxid().admits(stat.getCzxid())) {
      throw new AssertionError(
          String.format("%s: czxid expected %s, was 0x%x", what, node.czxid(), stat.getCzxid()));
    }
    return stat.getMzxid();
  }

  /** Checks a multi's results op by op; returns its zxid (0 if no result carries one). */
  private static long multi(
      ModelTree tree, Write.Multi multi, List<OpResult> results, String what) {
    expect(what, "number of results", multi.writes().size(), results.size());
    long zxid = 0;
    for (int i = 0; i < results.size(); i++) {
      Write write = multi.writes().get(i);
      OpResult result = results.get(i);
      String op = what + ", op " + i;
      long opZxid =
          switch (write) {
            case Write.Create create -> {
              if (!(result instanceof OpResult.CreateResult createResult)) {
                throw new AssertionError(op + ": expected a CreateResult, was " + result);
              }
              expect(op, "path", create.path(), createResult.getPath());
              yield createResult.getStat() == null ? 0 : createResult.getStat().getCzxid();
            }
            case Write.SetData setData -> {
              if (!(result instanceof OpResult.SetDataResult setDataResult)) {
                throw new AssertionError(op + ": expected a SetDataResult, was " + result);
              }
              yield set(tree, setData, setDataResult.getStat(), op);
            }
            case Write.Delete delete -> {
              if (!(result instanceof OpResult.DeleteResult)) {
                throw new AssertionError(op + ": expected a DeleteResult, was " + result);
              }
              yield 0;
            }
            case Write.Multi nested -> throw new IllegalStateException("a multi inside a multi");
          };
      if (opZxid != 0 && zxid != 0 && opZxid != zxid) {
        throw new AssertionError(
            String.format("%s: zxid 0x%x, but 0x%x for an earlier op", op, opZxid, zxid));
      }
      zxid = opZxid == 0 ? zxid : opZxid;
    }
    return zxid;
  }

  private static void expect(String what, String field, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      throw new AssertionError(what + ": " + field + " expected " + expected + ", was " + actual);
    }
  }

  private static String lines(List<String> lines) {
    String shown =
        lines.stream()
            .limit(SHOWN_LINES)
            .map(line -> "  " + line)
            .collect(Collectors.joining("\n"));
    return lines.size() > SHOWN_LINES
        ? shown + "\n  ... and " + (lines.size() - SHOWN_LINES) + " more"
        : shown;
  }
}

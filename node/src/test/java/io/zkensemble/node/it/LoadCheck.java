package io.zkensemble.node.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.zookeeper.KeeperException.Code;

/**
 * What servers must show of an {@link EnsembleLoad}'s writes once every outcome is in.
 *
 * <ul>
 *   <li>Each write was acknowledged or has an unknown outcome (connection loss): every write is
 *       planned to succeed.
 *   <li>Acknowledged zxids ascend in the order of sending (one session: FIFO).
 *   <li>In a server's tree, each node a write acknowledged exists, created at the zxid its create's
 *       reply gave; its data is that of its last acknowledged write with that write's zxid as
 *       mzxid, or (mzxid above it) that of a later write on it whose outcome is unknown.
 *   <li>Every other node under the load's root was written by a write with an unknown outcome, and
 *       holds the data of one of the writes on it.
 * </ul>
 */
final class LoadCheck {
  /** Problems a failure lists at most. */
  private static final int SHOWN_PROBLEMS = 20;

  private LoadCheck() {}

  /** Fails naming {@code where} unless every outcome is an acknowledgement or unknown. */
  static void checkOutcomes(EnsembleLoad load, String where) {
    List<EnsembleLoad.Sent> sent = load.sent();
    List<EnsembleLoad.Outcome> outcomes = load.outcomes();
    List<String> problems = new ArrayList<>();
    long previous = -1;
    EnsembleLoad.Sent previousWrite = null;
    for (int seq = 0; seq < sent.size(); seq++) {
      EnsembleLoad.Outcome outcome = outcomes.get(seq);
      if (outcome.acknowledged()) {
        if (outcome.zxid() <= previous) {
          problems.add(
              String.format(
                  "%s was acknowledged with zxid 0x%x, not above 0x%x of %s sent before it",
                  sent.get(seq).describe(), outcome.zxid(), previous, previousWrite.describe()));
        }
        previous = outcome.zxid();
        previousWrite = sent.get(seq);
      } else if (outcome.code() != Code.CONNECTIONLOSS) {
        problems.add(sent.get(seq).describe() + " failed with " + outcome.code());
      }
    }
    fail(where + " (" + load.root() + ")", problems);
  }

  /**
   * Checks {@code tree} (a server's dump) against the load's writes; fails naming {@code where}.
   * Returns how many nodes under the load's root the tree holds.
   */
  static int checkTree(EnsembleLoad load, SortedMap<String, Ensemble.Znode> tree, String where) {
    List<EnsembleLoad.Sent> sent = load.sent();
    List<EnsembleLoad.Outcome> outcomes = load.outcomes();
    Map<String, List<Integer>> byPath = new LinkedHashMap<>();
    for (EnsembleLoad.Sent write : sent) {
      byPath.computeIfAbsent(write.path(), path -> new ArrayList<>()).add(write.seq());
    }
    List<String> problems = new ArrayList<>();
    if (!tree.containsKey(load.root())) {
      problems.add(load.root() + " is missing");
    }
    byPath.forEach(
        (path, writes) -> checkNode(path, writes, tree.get(path), sent, outcomes, problems));
    Set<String> unwritten = new TreeSet<>();
    String prefix = load.root() + "/";
    for (String path : tree.keySet()) {
      if (path.startsWith(prefix) && !byPath.containsKey(path)) {
        unwritten.add(path);
      }
    }
    unwritten.forEach(path -> problems.add(path + " exists, but no write created it"));
    fail(where + " (" + load.root() + ")", problems);
    return (int) tree.keySet().stream().filter(path -> path.startsWith(prefix)).count();
  }

  private static void checkNode(
      String path,
      List<Integer> writes,
      Ensemble.Znode node,
      List<EnsembleLoad.Sent> sent,
      List<EnsembleLoad.Outcome> outcomes,
      List<String> problems) {
    int lastAcknowledged = -1;
    for (int seq : writes) {
      if (outcomes.get(seq).acknowledged()) {
        lastAcknowledged = seq;
      }
    }
    if (lastAcknowledged < 0) {
      // Only writes of unknown outcome (a create whose reply was lost): there or not.
      if (node != null && writer(node, writes, sent) < 0) {
        problems.add(path + " holds data no write on it wrote: " + show(node));
      }
      return;
    }
    EnsembleLoad.Sent last = sent.get(lastAcknowledged);
    long lastZxid = outcomes.get(lastAcknowledged).zxid();
    if (node == null) {
      problems.add(
          String.format("%s is missing, acknowledged with zxid 0x%x", last.describe(), lastZxid));
      return;
    }
    int create = writes.get(0);
    if (sent.get(create).kind() == EnsembleLoad.Kind.CREATE
        && outcomes.get(create).acknowledged()
        && node.stat().getCzxid() != outcomes.get(create).zxid()) {
      problems.add(
          String.format(
              "%s has czxid 0x%x, but its create was acknowledged with zxid 0x%x",
              path, node.stat().getCzxid(), outcomes.get(create).zxid()));
    }
    long mzxid = node.stat().getMzxid();
    int writer = writer(node, writes, sent);
    if (mzxid < lastZxid) {
      problems.add(
          String.format(
              "%s is lost: acknowledged with zxid 0x%x, the node's mzxid is 0x%x (%s)",
              last.describe(), lastZxid, mzxid, show(node)));
    } else if (mzxid == lastZxid && writer != lastAcknowledged) {
      problems.add(
          String.format(
              "%s (zxid 0x%x) is the node's last write, but it holds %s",
              last.describe(), lastZxid, show(node)));
    } else if (mzxid > lastZxid
        && (writer <= lastAcknowledged || outcomes.get(writer).acknowledged())) {
      problems.add(
          String.format(
              "%s was acknowledged with zxid 0x%x, but the node (mzxid 0x%x) holds %s, which no"
                  + " later write of unknown outcome wrote",
              last.describe(), lastZxid, mzxid, show(node)));
    }
  }

  /** The write among {@code writes} whose data {@code node} holds, or -1. */
  private static int writer(
      Ensemble.Znode node, List<Integer> writes, List<EnsembleLoad.Sent> sent) {
    for (int seq : writes) {
      if (sent.get(seq).data().equals(node.data())) {
        return seq;
      }
    }
    return -1;
  }

  private static String show(Ensemble.Znode node) {
    String data = node.data();
    if (data == null) {
      return "no data";
    }
    int colon = data.indexOf(':');
    return "'" + (colon >= 0 ? data.substring(0, colon + 1) + "..." : data) + "'";
  }

  private static void fail(String where, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    List<String> shown = problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size()));
    throw new AssertionError(
        where
            + ": "
            + problems.size()
            + " problems"
            + (problems.size() > shown.size() ? ", the first " + shown.size() : "")
            + ":\n  "
            + String.join("\n  ", shown));
  }
}

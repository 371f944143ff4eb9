package io.zkensemble.node.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Picks a crash test's writes with a seeded random source, from the tree as the writes before them
 * leave it, so that each succeeds if those before it did: first the layout under {@link #ROOT},
 * then a mix of persistent and sequential creates, setData on hot nodes, deletes, and multis that
 * create two nodes (or delete one and create one) and set a counter.
 */
final class WritePlanner {
  static final String ROOT = "/crash";

  private static final String PLAIN = ROOT + "/plain";
  private static final String SEQUENTIAL = ROOT + "/seq";
  private static final String MULTI = ROOT + "/multi";
  private static final String COUNTER = ROOT + "/counter";
  private static final int HOT_NODES = 4;
  private static final List<String> HOT =
      IntStream.range(0, HOT_NODES).mapToObj(i -> ROOT + "/hot-" + i).toList();
  private static final List<String> LAYOUT =
      Stream.concat(Stream.of(ROOT, PLAIN, SEQUENTIAL, MULTI, COUNTER), HOT.stream()).toList();

  /** From this many deletable nodes on, every write deletes: the tree stays quick to read back. */
  private static final int MAX_NODES = 200;

  /** Data is "w<seq>:" and up to this many filler bytes, so that log records vary in size. */
  private static final int MAX_FILLER = 400;

  private final Random random;

  WritePlanner(Random random) {
    this.random = random;
  }

  /** A create (its reply carries the zxid the server gives a new write): the layout's, or one. */
  Write first(ModelTree tree, long seq) {
    return missingLayout(tree).orElseGet(() -> createPlain(seq));
  }

  /** The next write, after those that left {@code tree}; {@code seq} is its sequence number. */
  Write next(ModelTree tree, long seq) {
    Optional<Write> layout = missingLayout(tree);
    if (layout.isPresent()) {
      return layout.get();
    }
    List<String> deletable = new ArrayList<>(tree.children(PLAIN));
    deletable.addAll(tree.children(SEQUENTIAL));
    deletable.addAll(tree.children(MULTI));
    if (deletable.size() >= MAX_NODES) {
      return delete(tree, deletable);
    }
    int roll = random.nextInt(100);
    if (roll < 20) {
      return createPlain(seq);
    }
    if (roll < 35) {
      return new Write.Create(tree.sequentialPath(SEQUENTIAL + "/n-"), data(seq), true);
    }
    if (roll < 60) {
      String hot = HOT.get(random.nextInt(HOT_NODES));
      return new Write.SetData(hot, data(seq), version(tree, hot));
    }
    if (roll < 85) {
      return deletable.isEmpty() ? createPlain(seq) : delete(tree, deletable);
    }
    return multi(tree, seq);
  }

  private Optional<Write> missingLayout(ModelTree tree) {
    return LAYOUT.stream()
        .filter(path -> tree.node(path).isEmpty())
        .findFirst()
        .map(path -> new Write.Create(path, "layout", false));
  }

  private Write createPlain(long seq) {
    return new Write.Create(PLAIN + "/w" + seq, data(seq), false);
  }

  private Write delete(ModelTree tree, List<String> candidates) {
    String path = candidates.get(random.nextInt(candidates.size()));
    return new Write.Delete(path, version(tree, path));
  }

  /** Creates two nodes, or deletes one and creates one, and sets the counter: all or nothing. */
  private Write multi(ModelTree tree, long seq) {
    List<Write> writes = new ArrayList<>();
    List<String> children = tree.children(MULTI);
    if (!children.isEmpty() && random.nextBoolean()) {
      String path = children.get(random.nextInt(children.size()));
      writes.add(new Write.Delete(path, version(tree, path)));
    } else {
      writes.add(new Write.Create(MULTI + "/w" + seq + "-b", data(seq), false));
    }
    writes.add(new Write.Create(MULTI + "/w" + seq + "-a", data(seq), false));
    writes.add(new Write.SetData(COUNTER, data(seq), version(tree, COUNTER)));
    return new Write.Multi(writes);
  }

  private String data(long seq) {
    return "w" + seq + ":" + "x".repeat(random.nextInt(MAX_FILLER + 1));
  }

  private static int version(ModelTree tree, String path) {
    return tree.node(path).orElseThrow().version();
  }
}

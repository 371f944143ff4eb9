package io.zkensemble.node.tree;

import java.util.List;

/** The watches a reconnecting client re-registers (setWatches / setWatches2), by kind. */
public record ClientWatches(
    List<String> data,
    List<String> exist,
    List<String> child,
    List<String> persistent,
    List<String> persistentRecursive) {}

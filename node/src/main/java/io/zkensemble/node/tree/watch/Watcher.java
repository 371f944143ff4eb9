package io.zkensemble.node.tree.watch;

/** Receives watch events; a client connection is one (watches belong to connections). */
public interface Watcher {
  void process(WatchEvent event);
}

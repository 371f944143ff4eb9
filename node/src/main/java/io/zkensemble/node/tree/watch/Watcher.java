package io.zkensemble.node.tree.watch;

import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/** Receives watch events; each client connection is one (watches belong to connections). */
public interface Watcher {
  /**
   * Delivers {@code event}; {@code acl} is the ACL of the znode it concerns, which the watcher
   * checks for READ before passing the event on (null: no check, as for setWatches' events).
   */
  void process(WatchEvent event, List<ACL> acl);
}

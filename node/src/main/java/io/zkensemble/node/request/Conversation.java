package io.zkensemble.node.request;

import io.zkensemble.node.auth.Authenticator;
import io.zkensemble.node.auth.Perms;
import io.zkensemble.node.tree.watch.WatchEvent;
import io.zkensemble.node.tree.watch.Watcher;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection as the pipeline sees it: its session, its authenticated ids, its queue of
 * requests in arrival order, and the write it waits for. It is the watcher of the watches its
 * client sets, delivering an event only when the client may READ the znode (as Apache's
 * ServerCnxn.process does).
 */
final class Conversation implements Watcher {
  final ClientLink link;
  final int timeout;
  final boolean withReadOnly;
  final ArrayDeque<ClientRequest> queue = new ArrayDeque<>();
  private final Authenticator auth;
  private final List<Id> ids;
  long sessionId;
  boolean established;
  boolean open = true;
  boolean draining;
  ClientRequest inFlight;

  Conversation(ClientLink link, int timeout, boolean withReadOnly, Authenticator auth) {
    this.link = link;
    this.timeout = timeout;
    this.withReadOnly = withReadOnly;
    this.auth = auth;
    this.ids = new ArrayList<>(auth.initialIds(link.remoteIp()));
  }

  /** The ids this connection has authenticated as; the pipeline thread alone changes them. */
  List<Id> ids() {
    return ids;
  }

  void addIds(List<Id> more) {
    ids.addAll(more);
  }

  @Override
  public void process(WatchEvent event, List<ACL> acl) {
    if (open && (acl == null || auth.allows(acl, Perms.READ, ids))) {
      link.send(Frames.notification(event));
    }
  }
}

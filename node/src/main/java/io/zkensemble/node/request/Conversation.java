package io.zkensemble.node.request;

import io.zkensemble.node.auth.Authenticator;
import io.zkensemble.node.auth.Perms;
import io.zkensemble.node.tree.watch.WatchEvent;
import io.zkensemble.node.tree.watch.Watcher;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection as the pipeline sees it: its session, its authenticated ids, its queue of
 * requests in arrival order, and the writes it waits for. It is the watcher of the watches its
 * client sets, delivering an event only when the client may READ the znode (as Apache's
 * ServerCnxn.process does).
 */
final class Conversation implements Watcher {
  final ClientLink link;
  final int timeout;
  final boolean withReadOnly;
  final ArrayDeque<ClientRequest> queue = new ArrayDeque<>();
  private final Authenticator auth;
  private final Set<Id> ids = Collections.newSetFromMap(new ConcurrentHashMap<>());
  private List<Id> idList;
  long sessionId;
  boolean established;
  boolean open = true;
  boolean draining;
  long received;
  long sent;

  /** When the connection was made, wall clock ms (cons' est). */
  final long connectedAt = System.currentTimeMillis();

  // The last answered request and this connection's latency, for cons (Apache's ServerCnxn).
  String lastOp = "NA";
  long lastCxid = -1;
  long lastZxid = -1;
  long lastResponseMillis;
  long lastLatency;
  long minLatency = Long.MAX_VALUE;
  long maxLatency;
  long totalLatency;
  long answered;

  /** Writes proposed and not yet committed, oldest first. */
  final ArrayDeque<ClientRequest> awaiting = new ArrayDeque<>();

  Conversation(ClientLink link, int timeout, boolean withReadOnly, Authenticator auth) {
    this.link = link;
    this.timeout = timeout;
    this.withReadOnly = withReadOnly;
    this.auth = auth;
    addIds(auth.initialIds(link.remoteIp()));
  }

  /**
   * The ids this connection has authenticated as, a set in Apache's order (its ServerCnxn keeps
   * them in a ConcurrentHashMap-backed set, and whoAmI lists them in that order).
   */
  List<Id> ids() {
    return idList;
  }

  void addIds(List<Id> more) {
    ids.addAll(more);
    idList = List.copyOf(ids);
  }

  /**
   * Notes an answered request; a few field updates, as Apache's ServerCnxn.updateStatsForResponse.
   */
  void answered(ClientRequest request, long zxid, long latencyMillis, long nowMillis) {
    lastOp = OpNames.abbreviation(request.type());
    lastCxid = request.xid();
    lastZxid = zxid;
    lastResponseMillis = nowMillis;
    lastLatency = latencyMillis;
    minLatency = Math.min(minLatency, latencyMillis);
    maxLatency = Math.max(maxLatency, latencyMillis);
    totalLatency += latencyMillis;
    answered++;
  }

  /** crst: Apache's ServerCnxn.resetStats. */
  void resetStats() {
    received = 0;
    sent = 0;
    lastOp = "NA";
    lastCxid = -1;
    lastZxid = -1;
    lastResponseMillis = 0;
    lastLatency = 0;
    minLatency = Long.MAX_VALUE;
    maxLatency = 0;
    totalLatency = 0;
    answered = 0;
  }

  @Override
  public void process(WatchEvent event, List<ACL> acl) {
    if (open && (acl == null || auth.allows(acl, Perms.READ, idList))) {
      link.send(Frames.notification(event));
    }
  }
}

package io.zkensemble.node.request;

import io.zkensemble.node.wire.proto.ReconfigRequest;

/**
 * The ensemble's side of a reconfig, which the leader's pipeline asks while it prepares one: the
 * checks of Apache's PrepRequestProcessor that need the quorum (reconfig enabled, none in progress,
 * the version, the new configuration's form and a synced quorum of it).
 */
public interface Reconfigurer {
  /**
   * The text of the configuration {@code request} makes as the transaction {@code zxid}; throws a
   * {@link io.zkensemble.node.tree.ZkError} with Apache's code when it cannot be made.
   */
  byte[] configuration(ReconfigRequest request, long zxid);
}

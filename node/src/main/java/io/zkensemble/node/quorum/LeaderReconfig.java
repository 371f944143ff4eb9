package io.zkensemble.node.quorum;

import io.zkensemble.node.config.ConfigException;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.request.Reconfigurer;
import io.zkensemble.node.tree.ZkError;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.proto.ReconfigRequest;
import io.zkensemble.node.zab.Membership;
import io.zkensemble.node.zab.Peer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The leader's reconfig checks, in the order of Apache's PrepRequestProcessor: enabled (else
 * ReconfigDisabled), none in progress (ReconfigInProgress), the version asked for (BadVersion), the
 * new configuration's form and size (BadArguments), a quorum of it connected and synced
 * (NewConfigNoQuorum).
 */
final class LeaderReconfig implements Reconfigurer {
  private final Peer peer;
  private final EnsembleConfig ensemble;
  private final LongSupplier appliedZxid;

  /** The zxid of the last reconfig prepared: in progress until it is applied. */
  private long prepared = -1;

  LeaderReconfig(Peer peer, EnsembleConfig ensemble, LongSupplier appliedZxid) {
    this.peer = peer;
    this.ensemble = ensemble;
    this.appliedZxid = appliedZxid;
  }

  @Override
  public byte[] configuration(ReconfigRequest request, long zxid) {
    QuorumConfig current = ensemble.current();
    if (!current.options().reconfigEnabled()) {
      throw new ZkError(ErrorCode.RECONFIG_DISABLED, null);
    }
    if (!peer.canReconfig() || prepared > appliedZxid.getAsLong()) {
      throw new ZkError(ErrorCode.RECONFIG_IN_PROGRESS, null);
    }
    if (request.curConfigId() != -1 && request.curConfigId() != peer.membership().version()) {
      throw new ZkError(ErrorCode.BAD_VERSION, null);
    }
    QuorumConfig next;
    try {
      next =
          current.reconfigured(
              request.joiningServers(), request.leavingServers(), request.newMembers(), zxid);
    } catch (ConfigException e) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, null);
    }
    int voters = next.voters().size();
    // Apache: with standaloneEnabled a single voter would run standalone, which a reconfig cannot
    // turn back; so at least two voters, or one with standaloneEnabled=false.
    if (voters < (current.options().standaloneEnabled() ? 2 : 1)) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, null);
    }
    String text = next.toApacheString();
    Membership membership = new Membership(next.voters(), next.observers(), text, zxid);
    if (!membership.isQuorum(peer.syncedFollowers())) {
      throw new ZkError(ErrorCode.NEW_CONFIG_NO_QUORUM, null);
    }
    prepared = zxid;
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

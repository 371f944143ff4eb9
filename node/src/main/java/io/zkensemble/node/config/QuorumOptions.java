package io.zkensemble.node.config;

import java.nio.file.Path;

/**
 * What the servers of an ensemble may do, and where its configuration lives.
 *
 * @param listenOnAllIps bind the quorum and election ports on all interfaces (quorumListenOnAllIPs)
 * @param readOnlyMode serve reads while cut off from a quorum (readonlymode.enabled)
 * @param reconfigEnabled accept reconfig requests (reconfigEnabled; Apache's default: false)
 * @param standaloneEnabled a single voter runs standalone (standaloneEnabled; Apache's default:
 *     true), so a reconfig must leave at least two voters
 * @param configFile the zoo.cfg this server started from, rewritten to point at the dynamic config
 *     file once a reconfig is activated; null when there is none to keep (tests)
 */
public record QuorumOptions(
    boolean listenOnAllIps,
    boolean readOnlyMode,
    boolean reconfigEnabled,
    boolean standaloneEnabled,
    Path configFile) {}

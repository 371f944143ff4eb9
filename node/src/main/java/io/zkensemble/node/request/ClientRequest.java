package io.zkensemble.node.request;

import io.zkensemble.node.wire.JuteRecord;

/**
 * One decoded client request.
 *
 * @param body the decoded request record; null for types without a body (ping, closeSession) and
 *     for a {@code malformed} body
 * @param malformed the body did not decode as the record its type requires
 * @param receivedNanos when the frame arrived (System.nanoTime), for latency statistics
 */
public record ClientRequest(
    int xid, int type, JuteRecord body, boolean malformed, long receivedNanos) {}

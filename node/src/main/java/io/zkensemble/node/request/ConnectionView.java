package io.zkensemble.node.request;

/**
 * One client connection as cons and the connections command show it (Apache's
 * ServerCnxn.dumpConnectionInfo and getConnectionInfo).
 *
 * @param remote the client's ip:port
 * @param sessionId 0 while the session is being set up
 * @param established wall clock ms of the connection
 * @param lastResponseMillis monotonic ms of the last answer (Apache's Time.currentElapsedTime)
 * @param minLatency 0 before the first answer, as Apache's getMinLatency
 * @param avgLatency whole milliseconds, as Apache's getAvgLatency
 */
public record ConnectionView(
    String remote,
    int queued,
    long received,
    long sent,
    long sessionId,
    String lastOp,
    long established,
    int timeout,
    long lastCxid,
    long lastZxid,
    long lastResponseMillis,
    long lastLatency,
    long minLatency,
    long avgLatency,
    long maxLatency) {}

package io.zkensemble.operator.status;

/**
 * What a member says about itself on its admin endpoint.
 *
 * @param role leader, follower, observer or looking (Apache's server_state)
 * @param zxid the last zxid it processed
 */
public record MemberReport(String role, long zxid) {}

package io.zkensemble.operator.membership;

import io.zkensemble.operator.api.ZkEnsemble;
import java.util.Optional;

/**
 * The operator's hands on an ensemble: ZooKeeper's own reconfig, as the super user, and the
 * leader's admin endpoint. Every call is bounded in time; none throws for what a member answers:
 * the answer is the outcome, and the next reconciliation observes again.
 */
public interface EnsembleClient {
  /**
   * The configuration in force ({@code /zookeeper/config} after a sync); empty if no answer.
   *
   * @param password the super user's, null while the ensemble's Secret does not exist
   */
  Optional<Membership> configuration(ZkEnsemble ensemble, String password);

  /** {@code reconfig -add serverLine}, only if the configuration is still {@code fromVersion}. */
  Outcome add(ZkEnsemble ensemble, String password, String serverLine, long fromVersion);

  /** {@code reconfig -remove id}, only if the configuration is still {@code fromVersion}. */
  Outcome remove(ZkEnsemble ensemble, String password, long id, long fromVersion);

  /**
   * Asks the leader, on its admin endpoint at {@code leaderIp}, to hand leadership to {@code to}.
   */
  Outcome transferLeadership(ZkEnsemble ensemble, String leaderIp, long to);

  /**
   * What became of a request.
   *
   * @param done the ensemble did it
   * @param message what it answered, for the status and the log
   */
  record Outcome(boolean done, String message) {}
}

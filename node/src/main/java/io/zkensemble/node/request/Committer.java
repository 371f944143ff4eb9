package io.zkensemble.node.request;

import io.zkensemble.node.txn.Transaction;

/**
 * Where the pipeline sends the transactions it prepares. The committer makes a transaction durable
 * and agreed on (standalone: at once; with storage: after fsync; in an ensemble: after a quorum of
 * acks) and then hands it back, in zxid order, to {@link RequestPipeline#committed}.
 */
public interface Committer {
  void propose(Transaction txn);
}

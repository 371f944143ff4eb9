package io.zkensemble.node.txn;

import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.txn.TxnHeader;

/**
 * One replicated transaction as Apache ZooKeeper logs it: a header (session, cxid, zxid, time,
 * type) and the txn record of that type (CreateTxn, DeleteTxn, SetDataTxn, ErrorTxn, ...; none for
 * types without a body).
 */
public record Transaction(TxnHeader header, JuteRecord body) {
  public long zxid() {
    return header.zxid();
  }

  public int type() {
    return header.type();
  }

  public long sessionId() {
    return header.clientId();
  }
}

package io.zkensemble.node.txn;

import io.zkensemble.node.wire.data.Stat;
import java.util.List;

/**
 * What applying one transaction did (Apache's DataTree.ProcessTxnResult).
 *
 * @param err 0, or the error code the client is answered with
 * @param path the znode the txn named (the full name, with sequence suffix, for creates)
 * @param stat the znode's stat after create2, createContainer or setData, else null
 * @param multi the result of each op of a multi, else null
 */
public record ApplyResult(int type, int err, String path, Stat stat, List<ApplyResult> multi) {}

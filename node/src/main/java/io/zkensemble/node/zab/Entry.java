package io.zkensemble.node.zab;

import java.util.Arrays;

/**
 * One transaction of the replicated log: its zxid and its bytes, which the core never looks into
 * (Apache's PROPOSAL data: the serialized TxnHeader and txn).
 */
public record Entry(long zxid, byte[] payload) {
  @Override
  public boolean equals(Object other) {
    return other instanceof Entry entry
        && entry.zxid == zxid
        && Arrays.equals(entry.payload, payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(zxid) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Entry[" + Zxid.hex(zxid) + ", " + payload.length + " bytes]";
  }
}

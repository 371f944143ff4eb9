package io.zkensemble.node.zab;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The one transaction the core looks into: a reconfig (Apache's OpCode.reconfig), whose SetDataTxn
 * writes the new configuration's text to /zookeeper/config. Leader and learners both need to know
 * which proposal it is: from it on, proposals need a quorum of both configurations, and its commit
 * activates the new one.
 */
final class Reconfig {
  /** Apache's ZooDefs.OpCode.reconfig. */
  static final int TYPE = 16;

  /** TxnHeader: clientId (long), cxid (int), zxid (long), time (long), then the type (int). */
  private static final int TYPE_OFFSET = 8 + 4 + 8 + 8;

  private Reconfig() {}

  /** The configuration {@code entry} activates, or null when it is not a reconfig. */
  static Membership membershipOf(Entry entry) {
    byte[] payload = entry.payload();
    if (payload.length < TYPE_OFFSET + 4) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.wrap(payload);
    if (bytes.getInt(TYPE_OFFSET) != TYPE) {
      return null;
    }
    try {
      // SetDataTxn: path (int length, bytes), data (int length, bytes), version (int).
      int pathLength = bytes.getInt(TYPE_OFFSET + 4);
      int dataAt = TYPE_OFFSET + 4 + 4 + Math.max(0, pathLength);
      int dataLength = bytes.getInt(dataAt);
      String text = new String(payload, dataAt + 4, dataLength, StandardCharsets.UTF_8);
      return Membership.parse(text);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "reconfig " + Zxid.hex(entry.zxid()) + " holds no SetDataTxn", e);
    }
  }
}

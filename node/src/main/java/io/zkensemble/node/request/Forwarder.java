package io.zkensemble.node.request;

import io.zkensemble.node.wire.data.Id;
import java.util.List;

/**
 * A learner's way to its leader: a client write (or sync) goes there as Apache's REQUEST packet,
 * and comes back as a committed transaction (or SYNC) that the pipeline matches by session and
 * cxid.
 */
public interface Forwarder {
  void forward(long sessionId, int cxid, int type, byte[] body, List<Id> authInfo);

  /**
   * Asks the leader whether a client that reconnected here may keep its session (Apache's
   * REVALIDATE); the answer comes back through {@link RequestPipeline#revalidated}.
   */
  void revalidate(long sessionId, int timeout);
}

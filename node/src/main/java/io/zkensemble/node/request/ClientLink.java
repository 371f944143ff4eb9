package io.zkensemble.node.request;

import io.vertx.core.buffer.Buffer;

/**
 * The pipeline's view of one client connection. Every method may be called from the pipeline's
 * thread; the connection does its socket work on its own event loop.
 */
public interface ClientLink {
  /** Sends the answer to one request (or the connect response); frees one outstanding slot. */
  void reply(Buffer frame);

  /** Sends a frame that answers no request (a watch notification). */
  void send(Buffer frame);

  /**
   * False while too many reply bytes wait to be written; the pipeline then holds this connection's
   * requests until {@link RequestPipeline#writable} is called for it.
   */
  boolean writable();

  /** The session is established: the connection may read requests now. */
  void established(long sessionId);

  /** Closes the connection once what was sent before is flushed. */
  void close();

  /** The client's address and port, for logs. */
  String remoteAddress();

  /** The client's IP address, as Apache's ip scheme names it. */
  String remoteIp();
}

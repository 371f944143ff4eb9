package io.zkensemble.node.tree;

import io.zkensemble.node.wire.ErrorCode;

/**
 * A request that fails with one of the client protocol's {@link ErrorCode}s. It carries no stack
 * trace: it is an answer to a client, not a bug.
 */
public final class ZkError extends RuntimeException {
  private final int code;

  public ZkError(int code, String path) {
    super(path, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }

  public String path() {
    return getMessage();
  }
}

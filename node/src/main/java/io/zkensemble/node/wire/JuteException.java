package io.zkensemble.node.wire;

/**
 * Bytes that do not decode as the expected Jute record: truncated, negative or oversized lengths.
 */
public final class JuteException extends RuntimeException {
  public JuteException(String message) {
    super(message);
  }
}

package io.zkensemble.node.storage;

/** The data directory cannot be read into a consistent state; the message says what and where. */
public final class StorageException extends Exception {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

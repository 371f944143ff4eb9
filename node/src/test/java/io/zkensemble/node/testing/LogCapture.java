package io.zkensemble.node.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the log records at ERROR (SEVERE) or above that the node and Vert.x write while it is
 * open: a bug that only shows as an "Unhandled exception" line fails the test that provokes it.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final List<String> errors = new ArrayList<>();

  public LogCapture() {
    root.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
    if (record.getLevel().intValue() >= Level.SEVERE.intValue()
        && (logger.startsWith("io.zkensemble") || logger.startsWith("io.vertx"))) {
      Throwable thrown = record.getThrown();
      errors.add(logger + ": " + record.getMessage() + (thrown == null ? "" : " " + thrown));
    }
  }

  public synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
  }
}

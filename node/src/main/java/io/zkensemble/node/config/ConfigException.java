package io.zkensemble.node.config;

/** A zoo.cfg that cannot run a node; the message names the offending key. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}

package io.zkensemble.node.wire;

/**
 * A record of Apache ZooKeeper's Jute schema (zookeeper.jute). Each implementation writes its
 * fields in schema order and offers a static {@code readFrom(JuteInput)} that reads them back.
 */
public interface JuteRecord {
  void writeTo(JuteOutput out);
}

package io.zkensemble.node.testing;

/** A ZooKeeper server a test talks to: ours, or Apache's as the reference. */
public interface ZkServer extends AutoCloseable {
  int port();

  default String connectString() {
    return "127.0.0.1:" + port();
  }

  @Override
  void close();
}

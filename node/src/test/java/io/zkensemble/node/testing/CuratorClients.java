package io.zkensemble.node.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;

/**
 * Curator clients of one server, each started and connected with a session of its own, as separate
 * processes would be; {@link #close} closes them all.
 */
public final class CuratorClients implements AutoCloseable {
  private final ZkServer server;
  private final List<CuratorFramework> clients = new CopyOnWriteArrayList<>();

  public CuratorClients(ZkServer server) {
    this.server = server;
  }

  /** A new client, connected; fails the test if it does not connect in time. */
  public CuratorFramework connect() throws InterruptedException {
    CuratorFramework client =
        CuratorFrameworkFactory.newClient(server.connectString(), new RetryNTimes(3, 100));
    clients.add(client);
    client.start();
    if (!client.blockUntilConnected((int) Clients.WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("Curator did not connect to " + server.connectString());
    }
    return client;
  }

  /** {@code count} new clients, connected. */
  public List<CuratorFramework> connect(int count) throws InterruptedException {
    List<CuratorFramework> connected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      connected.add(connect());
    }
    return connected;
  }

  /** The session id a client holds now. */
  public static long sessionId(CuratorFramework client) throws Exception {
    return client.getZookeeperClient().getZooKeeper().getSessionId();
  }

  @Override
  public void close() {
    for (CuratorFramework client : clients.reversed()) {
      client.close();
    }
    clients.clear();
  }
}

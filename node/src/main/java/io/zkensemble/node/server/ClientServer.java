package io.zkensemble.node.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.zkensemble.node.admin.FourLetterWords;
import io.zkensemble.node.admin.NodeStatus;
import io.zkensemble.node.config.AllInterfaces;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.ZooCfg;
import io.zkensemble.node.request.RequestPipeline;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The client port: a Vert.x {@link NetServer} on clientPort (and clientPortAddress) that turns each
 * accepted socket into a {@link ClientConnection}, refusing an IP that already has maxClientCnxns
 * connections, as Apache's NIOServerCnxnFactory does.
 */
public final class ClientServer {
  private static final Logger LOG = Logger.getLogger(ClientServer.class);

  private final NodeConfig config;
  private final RequestPipeline pipeline;
  private final Context context;
  private final FourLetterWords fourLetterWords;
  private final Map<String, Integer> perIp = new ConcurrentHashMap<>();
  private final AtomicInteger alive = new AtomicInteger();
  private final NodeStatus status;
  private NetServer server;

  public ClientServer(
      NodeConfig config, RequestPipeline pipeline, Context context, NodeStatus status) {
    this.config = config;
    this.pipeline = pipeline;
    this.context = context;
    this.status = status;
    status.countConnectionsWith(alive::get);
    this.fourLetterWords =
        new FourLetterWords(ZooCfg.FOUR_LETTER_WORDS, config.fourLetterWords(), pipeline, status);
  }

  /** Binds the client port; completes with the bound port (useful when clientPort is 0). */
  public Future<Integer> start() {
    InetSocketAddress address = config.clientAddress();
    String host =
        AllInterfaces.bindHost(
            address.isUnresolved()
                ? address.getHostString()
                : address.getAddress().getHostAddress());
    NetServerOptions options = new NetServerOptions().setTcpNoDelay(true).setReuseAddress(true);
    return Future.<Integer>future(
            promise ->
                context.runOnContext(
                    v -> {
                      Vertx vertx = context.owner();
                      server = vertx.createNetServer(options).connectHandler(this::accept);
                      // listen(port) alone would bind 0.0.0.0, whatever the options say.
                      server
                          .listen(address.getPort(), host)
                          .map(NetServer::actualPort)
                          .onComplete(promise);
                    }))
        .onSuccess(
            port -> {
              status.clientPortBound(port);
              LOG.infof("Serving clients on %s:%d", host, port);
            });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int connections() {
    return alive.get();
  }

  private void accept(NetSocket socket) {
    String ip = socket.remoteAddress().hostAddress();
    if (!admit(ip)) {
      LOG.warnf("Too many connections from %s - max is %d", ip, config.maxClientCnxns());
      socket.close();
      return;
    }
    alive.incrementAndGet();
    new ClientConnection(
        socket,
        Vertx.currentContext(),
        pipeline,
        fourLetterWords,
        config.juteMaxBuffer(),
        () -> {
          alive.decrementAndGet();
          perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
        });
  }

  /**
   * Counts one more connection from {@code ip} unless it already has maxClientCnxns (0: no cap).
   */
  private boolean admit(String ip) {
    int max = config.maxClientCnxns();
    boolean[] admitted = {false};
    perIp.compute(
        ip,
        (k, n) -> {
          int current = n == null ? 0 : n;
          if (max > 0 && current >= max) {
            return n;
          }
          admitted[0] = true;
          return current + 1;
        });
    return admitted[0];
  }
}

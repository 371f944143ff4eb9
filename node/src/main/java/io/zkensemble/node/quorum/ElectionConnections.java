package io.zkensemble.node.quorum;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.zkensemble.node.zab.Notification;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * The election port, as Apache's QuorumCnxManager runs it: one connection per pair of servers, and
 * it is the one the higher id opened. A server that connects to a higher id sends its initial
 * message and hangs up, so the higher id connects back; a server that accepts a connection from a
 * lower id closes it and connects back itself. Each peer has room for one pending notification (the
 * newest, Apache's SEND_CAPACITY of 1), so a dead or slow peer never holds up the others; a new
 * connection starts with the last notification sent to that peer, as Apache's SendWorker does, in
 * case the old connection lost it.
 *
 * <p>Runs on its own event loop; notifications received go to {@code received} on that loop.
 */
public final class ElectionConnections {
  private static final Logger LOG = Logger.getLogger(ElectionConnections.class);

  /** Apache's default cnxTimeout for opening an election connection: 5 s. */
  private static final int CONNECT_TIMEOUT_MILLIS = 5000;

  private final long myId;
  private final String myAddress;
  private final LongFunction<InetSocketAddress> addressOf;
  private final Context context;
  private final BiConsumer<Long, Notification> received;
  private final NetClient client;
  private final Map<Long, NetSocket> links = new HashMap<>();
  private final Map<Long, Notification> pending = new HashMap<>();
  private final Map<Long, Notification> lastSent = new HashMap<>();
  private final Map<Long, Boolean> connecting = new HashMap<>();

  /**
   * Election addresses of servers outside the configuration, from their initial messages: a server
   * about to join (or just removed) is answered, as Apache's QuorumCnxManager answers it.
   */
  private final Map<Long, InetSocketAddress> learned = new HashMap<>();

  private NetServer server;
  private boolean closed;

  /**
   * @param myAddress this server's election address as host:port, sent in the initial message
   * @param addressOf a peer's election address, or null for an id not in the configuration
   */
  public ElectionConnections(
      long myId,
      String myAddress,
      LongFunction<InetSocketAddress> addressOf,
      Context context,
      BiConsumer<Long, Notification> received) {
    this.myId = myId;
    this.myAddress = myAddress;
    this.addressOf = addressOf;
    this.context = context;
    this.received = received;
    this.client =
        context
            .owner()
            .createNetClient(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
  }

  /** Listens on {@code bind}; completes with the bound port. */
  public Future<Integer> listen(InetSocketAddress bind) {
    NetServerOptions options =
        new NetServerOptions().setHost(bind.getHostString()).setPort(bind.getPort());
    Promise<Integer> bound = Promise.promise();
    // Listening from the context puts every accepted connection on it too.
    context.runOnContext(
        v -> {
          server = context.owner().createNetServer(options).connectHandler(this::accepted);
          server.listen().map(NetServer::actualPort).onComplete(bound);
        });
    return bound.future();
  }

  /** Sends {@code n} to {@code to}: now if connected, else when a connection is up. */
  public void send(long to, Notification n) {
    context.runOnContext(
        v -> {
          if (closed) {
            return;
          }
          NetSocket link = links.get(to);
          if (link != null) {
            write(to, link, n);
            return;
          }
          pending.put(to, n);
          connect(to);
        });
  }

  public Future<Void> close() {
    return Future.<Void>future(
            promise ->
                context.runOnContext(
                    v -> {
                      closed = true;
                      links.values().forEach(NetSocket::close);
                      links.clear();
                      promise.complete();
                    }))
        .compose(v -> server == null ? Future.succeededFuture() : server.close())
        .compose(v -> client.close());
  }

  private void write(long to, NetSocket link, Notification n) {
    lastSent.put(to, n);
    link.write(ElectionWire.notification(n));
  }

  private void connect(long to) {
    InetSocketAddress address = addressOf.apply(to);
    if (address == null) {
      address = learned.get(to);
    }
    if (address == null || connecting.containsKey(to)) {
      return;
    }
    connecting.put(to, true);
    client
        .connect(address.getPort(), address.getHostString())
        .onComplete(
            ar -> {
              connecting.remove(to);
              if (ar.failed()) {
                LOG.debugf("Cannot open an election connection to %d: %s", to, ar.cause());
                return;
              }
              NetSocket socket = ar.result();
              socket.write(ElectionWire.initialMessage(myId, myAddress));
              if (to > myId) {
                // The higher id keeps the connection it opens: it will call back.
                socket.end();
                return;
              }
              socket.handler(
                  new ElectionFrames(
                          false,
                          initial -> {},
                          n -> received.accept(to, n),
                          error -> {
                            LOG.warnf("Closing election connection to %d: %s", to, error);
                            socket.close();
                          })
                      ::feed);
              established(to, socket);
            });
  }

  private void accepted(NetSocket socket) {
    long[] peer = {-1};
    ElectionFrames frames =
        new ElectionFrames(
            true,
            initial -> {
              long sid = initial.sid();
              if (addressOf.apply(sid) == null) {
                InetSocketAddress address = firstAddress(initial);
                if (address == null) {
                  LOG.warnf("Election connection from server %d without an address", sid);
                  socket.close();
                  return;
                }
                learned.put(sid, address);
              }
              if (sid < myId) {
                // Apache: the lower id's connection is dropped and the higher id connects back.
                socket.close();
                connect(sid);
                return;
              }
              peer[0] = sid;
              established(sid, socket);
            },
            n -> {
              if (peer[0] != -1) {
                received.accept(peer[0], n);
              }
            },
            error -> {
              LOG.warnf("Closing election connection from %s: %s", socket.remoteAddress(), error);
              socket.close();
            });
    socket.handler(frames::feed);
  }

  /** The first election address a server gave, as host:port (IPv6 in brackets); or null. */
  private static InetSocketAddress firstAddress(ElectionWire.InitialMessage initial) {
    for (String address : initial.electionAddresses()) {
      int colon = address.lastIndexOf(':');
      if (colon > 0) {
        try {
          String host = address.substring(0, colon).replace("[", "").replace("]", "");
          return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
          LOG.debugf("Unusable election address %s: %s", address, e.getMessage());
        }
      }
    }
    return null;
  }

  /** {@code socket} is the connection with {@code sid} from now on; it replaces any older one. */
  private void established(long sid, NetSocket socket) {
    if (closed) {
      socket.close();
      return;
    }
    NetSocket previous = links.put(sid, socket);
    if (previous != null) {
      previous.close();
    }
    socket.closeHandler(
        v -> {
          if (links.get(sid) == socket) {
            links.remove(sid);
          }
        });
    Notification next = pending.remove(sid);
    if (next == null) {
      next = lastSent.get(sid);
    }
    if (next != null) {
      write(sid, socket, next);
    }
  }
}

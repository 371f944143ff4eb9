package io.zkensemble.node.quorum;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.zkensemble.node.wire.quorum.QuorumPacket;
import io.zkensemble.node.zab.Message;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * The quorum port: learners connect to their leader's, and each connection carries Apache's
 * QuorumPackets both ways. Every connection gets a number the core knows it by. Writes never block:
 * a peer whose unsent data passes {@link #MAX_QUEUED_BYTES} is cut off (a learner resyncs when it
 * reconnects), so a slow or dead peer cannot hold the others up or exhaust memory.
 *
 * <p>Messages are sent in batches: {@link #send} only queues, {@link #flush} hands each
 * connection's queue to its event loop as one write. One group commit that makes a hundred
 * proposals durable thus costs every learner one write of a hundred COMMITs, not a hundred writes
 * and a hundred event-loop tasks. The sender (the consensus driver) calls both from its one thread.
 */
public final class QuorumConnections {
  private static final Logger LOG = Logger.getLogger(QuorumConnections.class);

  /** Unsent bytes a connection may hold: room for a large SNAP plus the proposals after it. */
  static final int MAX_QUEUED_BYTES = 256 * 1024 * 1024;

  /**
   * How long a learner waits for its leader's quorum port to accept: Apache's 5 s socket timeout.
   */
  private static final int CONNECT_TIMEOUT_MILLIS = 5000;

  /** What happens on the connections; called on this transport's context. */
  public interface Events {
    void connected(long peer, long conn);

    void connectFailed(long peer);

    void disconnected(long peer, long conn);

    /** The messages one read from {@code conn} completed, in order. */
    void received(long peer, long conn, List<Message> messages);

    /** A packet the core has no message for (REVALIDATE). */
    void other(long conn, QuorumPacket packet);
  }

  private final Context context;
  private final LongFunction<InetSocketAddress> addressOf;
  private final int juteMaxBuffer;
  private final Events events;
  private final NetClient client;
  private final AtomicLong nextConn = new AtomicLong(1);
  private final Map<Long, NetSocket> sockets = new ConcurrentHashMap<>();

  /** What {@link #send} queued since the last {@link #flush}: the sender's thread only. */
  private final Map<Long, Buffer> unflushed = new HashMap<>();

  private NetServer server;

  /**
   * @param addressOf a server's quorum address, or null for an id not in the configuration
   * @param juteMaxBuffer jute.maxbuffer, which bounds (with Apache's slack) what a packet may carry
   */
  public QuorumConnections(
      Context context,
      LongFunction<InetSocketAddress> addressOf,
      int juteMaxBuffer,
      Events events) {
    this.context = context;
    this.addressOf = addressOf;
    this.juteMaxBuffer = juteMaxBuffer;
    this.events = events;
    this.client =
        context
            .owner()
            .createNetClient(
                new NetClientOptions()
                    .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                    .setTcpNoDelay(true));
  }

  /** Listens on {@code bind} for learners; completes with the bound port. */
  public Future<Integer> listen(InetSocketAddress bind) {
    NetServerOptions options =
        new NetServerOptions()
            .setHost(bind.getHostString())
            .setPort(bind.getPort())
            .setTcpNoDelay(true);
    Promise<Integer> bound = Promise.promise();
    context.runOnContext(
        v -> {
          server =
              context.owner().createNetServer(options).connectHandler(socket -> attach(-1, socket));
          server.listen().map(NetServer::actualPort).onComplete(bound);
        });
    return bound.future();
  }

  /** Opens a connection to {@code peer}'s quorum port; reports connected or connectFailed. */
  public void connect(long peer) {
    InetSocketAddress address = addressOf.apply(peer);
    context.runOnContext(
        v -> {
          if (address == null) {
            events.connectFailed(peer);
            return;
          }
          client
              .connect(address.getPort(), address.getHostString())
              .onComplete(
                  ar -> {
                    if (ar.failed()) {
                      LOG.debugf("Cannot connect to the leader %d: %s", peer, ar.cause());
                      events.connectFailed(peer);
                    } else {
                      attach(peer, ar.result());
                    }
                  });
        });
  }

  /** Queues {@code message} for {@code conn} until the next {@link #flush}. */
  public void send(long conn, Message message) {
    queue(conn, QuorumCodec.encode(message));
  }

  /** Queues a packet the core has no message for (REVALIDATE answers) for {@code conn}. */
  public void send(long conn, QuorumPacket packet) {
    queue(conn, QuorumCodec.encode(packet));
  }

  /** Writes what was queued to each connection still open, one write per connection. */
  public void flush() {
    if (unflushed.isEmpty()) {
      return;
    }
    unflushed.forEach(this::write);
    unflushed.clear();
  }

  private void queue(long conn, Buffer bytes) {
    Buffer queued = unflushed.get(conn);
    if (queued == null) {
      unflushed.put(conn, bytes);
    } else {
      queued.appendBuffer(bytes);
    }
  }

  private void write(long conn, Buffer bytes) {
    NetSocket socket = sockets.get(conn);
    if (socket == null) {
      return;
    }
    if (socket.writeQueueFull()) {
      // Also true of a connection the other side is closing: then this only hastens it.
      LOG.warnf(
          "Closing quorum connection %d to %s: it takes no more data (%d bytes queued at most)",
          conn, socket.remoteAddress(), MAX_QUEUED_BYTES);
      socket.close();
      return;
    }
    socket.write(bytes);
  }

  /** Closes {@code conn} once what was queued for it is written; disconnected follows. */
  public void close(long conn) {
    Buffer queued = unflushed.remove(conn);
    if (queued != null) {
      write(conn, queued);
    }
    NetSocket socket = sockets.get(conn);
    if (socket != null) {
      socket.close();
    }
  }

  public Future<Void> close() {
    sockets.values().forEach(NetSocket::close);
    return (server == null ? Future.<Void>succeededFuture() : server.close())
        .compose(v -> client.close());
  }

  private void attach(long peer, NetSocket socket) {
    long conn = nextConn.getAndIncrement();
    socket.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
    sockets.put(conn, socket);
    // A read's messages go to the core together, so that it steps them in one go (and its answers
    // leave in one flush); a packet the core has no message for keeps its place among them.
    List<Message> read = new ArrayList<>();
    Runnable deliverRead =
        () -> {
          if (!read.isEmpty()) {
            events.received(peer, conn, List.copyOf(read));
            read.clear();
          }
        };
    QuorumFrames frames =
        new QuorumFrames(
            juteMaxBuffer,
            read::add,
            packet -> {
              deliverRead.run();
              events.other(conn, packet);
            },
            error -> {
              LOG.warnf("Closing quorum connection from %s: %s", socket.remoteAddress(), error);
              socket.close();
            });
    socket.handler(
        chunk -> {
          frames.feed(chunk);
          deliverRead.run();
        });
    socket.closeHandler(
        v -> {
          sockets.remove(conn);
          events.disconnected(peer, conn);
        });
    events.connected(peer, conn);
  }
}

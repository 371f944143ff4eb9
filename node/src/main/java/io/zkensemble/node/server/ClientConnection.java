package io.zkensemble.node.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.zkensemble.node.admin.FourLetterWords;
import io.zkensemble.node.request.ClientLink;
import io.zkensemble.node.request.ClientRequest;
import io.zkensemble.node.request.Frames;
import io.zkensemble.node.request.RequestDecoder;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.wire.ErrorCode;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.proto.ConnectRequest;
import io.zkensemble.node.wire.proto.ReplyHeader;
import io.zkensemble.node.wire.proto.RequestHeader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One client connection: 4-byte length framing with the jute.maxbuffer limit, the handshake, four
 * letter words, and backpressure. Runs on its socket's event loop; the pipeline calls back from its
 * own thread through the thread-safe {@link ClientLink} methods.
 *
 * <p>Bad input closes this connection only, as Apache's NIOServerCnxn does: a length below 0 or
 * above jute.maxbuffer, a handshake or request header that does not decode, an unknown request type
 * (after an Unimplemented reply). A request body that does not decode is answered with
 * MarshallingError and the connection stays.
 */
final class ClientConnection implements ClientLink {
  private static final Logger LOG = Logger.getLogger(ClientConnection.class);

  /**
   * Requests read but not yet answered before reading pauses (Apache's globalOutstandingLimit is
   * 1000 for the whole server; a per-connection bound keeps one client from starving the rest).
   */
  static final int MAX_OUTSTANDING = 1000;

  /**
   * Reply bytes handed to the socket but not yet written out, above which the pipeline stops
   * answering this connection and reading from it pauses: a client that does not read its replies
   * costs at most this much memory (plus one reply), however large its znodes.
   */
  static final long MAX_PENDING_REPLY_BYTES = 1 << 20;

  /** RequestHeader: xid and type, two ints. */
  private static final int REQUEST_HEADER_SIZE = 8;

  private final NetSocket socket;
  private final Context context;
  private final RecordParser parser;
  private final RequestPipeline pipeline;
  private final FourLetterWords fourLetterWords;
  private final int maxFrame;
  private final String remote;
  private final Runnable onClose;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong pendingReplyBytes = new AtomicLong();
  private volatile boolean pipelineWaiting;
  private boolean readingLength = true;
  private int expectedLength = 4;
  private boolean handshakeDone;
  private boolean closed;
  private volatile boolean paused;
  private volatile long sessionId;

  ClientConnection(
      NetSocket socket,
      Context context,
      RequestPipeline pipeline,
      FourLetterWords fourLetterWords,
      int maxFrame,
      Runnable onClose) {
    this.socket = socket;
    this.context = context;
    this.pipeline = pipeline;
    this.fourLetterWords = fourLetterWords;
    this.maxFrame = maxFrame;
    this.remote = String.valueOf(socket.remoteAddress());
    this.onClose = onClose;
    this.parser = RecordParser.newFixed(4, socket);
    parser.handler(this::onRecord);
    parser.exceptionHandler(this::onError);
    socket.closeHandler(v -> onClosed());
  }

  private void onRecord(Buffer record) {
    // When the peer goes away mid-frame, the parser hands over the partial rest: drop it.
    if (closed || record.length() < expectedLength) {
      return;
    }
    if (readingLength) {
      onLength(record.getInt(0));
    } else {
      readingLength = true;
      expectedLength = 4;
      parser.fixedSizeMode(4);
      onFrame(record);
    }
  }

  private void onLength(int length) {
    if (!handshakeDone && fourLetterWords.isCommand(length)) {
      parser.pause();
      fourLetterWords.answer(length, remote, this::writeAndClose);
      return;
    }
    if (length <= 0 || length > maxFrame) {
      LOG.warnf(
          "Closing connection from %s: frame length %d is outside 1..%d (jute.maxbuffer)",
          remote, length, maxFrame);
      close();
      return;
    }
    readingLength = false;
    expectedLength = length;
    parser.fixedSizeMode(length);
  }

  private void onFrame(Buffer frame) {
    if (!handshakeDone) {
      onHandshake(frame);
      return;
    }
    if (frame.length() < REQUEST_HEADER_SIZE) {
      LOG.warnf(
          "Closing connection from %s: request of %d bytes has no header", remote, frame.length());
      close();
      return;
    }
    RequestHeader header = RequestHeader.readFrom(new JuteInput(frame, 0, REQUEST_HEADER_SIZE));
    if (!RequestDecoder.isKnown(header.type())) {
      refuse(header);
      return;
    }
    ClientRequest request =
        RequestDecoder.decode(
            header.xid(), header.type(), new JuteInput(frame, REQUEST_HEADER_SIZE, frame.length()));
    int inFlight = outstanding.incrementAndGet();
    pipeline.request(this, request);
    if (inFlight >= MAX_OUTSTANDING || pendingReplyBytes.get() >= MAX_PENDING_REPLY_BYTES) {
      paused = true;
      parser.pause();
    }
  }

  /**
   * Apache answers an unknown request type with Unimplemented (zxid -1: the request has none yet)
   * and closes the connection.
   */
  private void refuse(RequestHeader header) {
    LOG.warnf("Received packet of unknown type %d from %s", header.type(), remote);
    send(Frames.reply(new ReplyHeader(header.xid(), -1, ErrorCode.UNIMPLEMENTED), null));
    close();
  }

  private void onHandshake(Buffer frame) {
    ConnectRequest request;
    try {
      JuteInput in = new JuteInput(frame);
      request = ConnectRequest.readFrom(in);
    } catch (JuteException e) {
      LOG.warnf("Closing connection from %s: bad connect request: %s", remote, e.getMessage());
      close();
      return;
    }
    handshakeDone = true;
    outstanding.incrementAndGet();
    // Clients up to 3.3 send no readOnly byte and must get a response without it.
    boolean withReadOnly = frame.length() > readOnlyOffset(request);
    pipeline.connect(this, request, withReadOnly);
  }

  /** Where readOnly would start: protocolVersion, lastZxidSeen, timeOut, sessionId, passwd. */
  private static int readOnlyOffset(ConnectRequest request) {
    int passwd = request.passwd() == null ? 0 : request.passwd().length;
    return 4 + 8 + 4 + 8 + 4 + passwd;
  }

  private void onError(Throwable error) {
    LOG.debugf(error, "Connection from %s failed", remote);
    close();
  }

  private void onClosed() {
    closed = true;
    onClose.run();
    pipeline.disconnected(this);
  }

  private void resumeIfAllowed() {
    if (!paused
        || closed
        || outstanding.get() >= MAX_OUTSTANDING / 2
        || pendingReplyBytes.get() >= MAX_PENDING_REPLY_BYTES) {
      return;
    }
    paused = false;
    parser.resume();
  }

  /** Writes a frame, counting its bytes until the socket has taken them. */
  @Override
  public void send(Buffer frame) {
    int length = frame.length();
    pendingReplyBytes.addAndGet(length);
    socket
        .write(frame)
        .onComplete(
            done -> {
              long left = pendingReplyBytes.addAndGet(-length);
              if (left < MAX_PENDING_REPLY_BYTES) {
                if (pipelineWaiting) {
                  pipelineWaiting = false;
                  pipeline.writable(this);
                }
                resumeIfAllowed();
              }
            });
  }

  private void writeAndClose(Buffer text) {
    socket.write(text).onComplete(v -> socket.close());
  }

  // ---- ClientLink: called from the pipeline's thread

  @Override
  public void reply(Buffer frame) {
    send(frame);
    if (outstanding.decrementAndGet() < MAX_OUTSTANDING / 2 && paused) {
      context.runOnContext(v -> resumeIfAllowed());
    }
  }

  @Override
  public boolean writable() {
    if (pendingReplyBytes.get() < MAX_PENDING_REPLY_BYTES) {
      return true;
    }
    pipelineWaiting = true;
    // Checked again: the socket may have drained between the first look and the flag.
    return pendingReplyBytes.get() < MAX_PENDING_REPLY_BYTES;
  }

  @Override
  public String remoteIp() {
    return socket.remoteAddress().hostAddress();
  }

  @Override
  public void established(long sessionId) {
    this.sessionId = sessionId;
  }

  @Override
  public void close() {
    if (Vertx.currentContext() == context) {
      closeNow();
    } else {
      context.runOnContext(v -> closeNow());
    }
  }

  /** Stops reading at once and closes once what was written before is flushed. */
  private void closeNow() {
    if (closed) {
      return;
    }
    closed = true;
    parser.pause();
    // An empty write completes once everything written before it is flushed.
    socket.write(Buffer.buffer()).onComplete(done -> socket.close());
  }

  @Override
  public String remoteAddress() {
    return remote;
  }

  long sessionId() {
    return sessionId;
  }
}

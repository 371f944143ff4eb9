package io.zkensemble.node.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;

/**
 * A client that speaks the wire protocol directly, encoding with Apache's own jute classes: it
 * sends what the Apache Java client would refuse to send (invalid paths, unknown opcodes) and bytes
 * that are not the protocol at all.
 */
public final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  public static RawClient open(ZkServer server) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout((int) Clients.WAIT_SECONDS * 1000);
      socket.setTcpNoDelay(true);
      return new RawClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a connection and establishes a new session with the given timeout. */
  public static RawClient session(ZkServer server, int timeout) {
    RawClient client = open(server);
    client.sendFrame(bytes(new ConnectRequest(0, 0, timeout, 0, new byte[16], false)));
    ConnectResponse response = new ConnectResponse();
    client.readRecord(response);
    if (response.getSessionId() == 0) {
      throw new IllegalStateException("no session");
    }
    return client;
  }

  public static byte[] bytes(Record record) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      record.serialize(BinaryOutputArchive.getArchive(bytes), "raw");
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a request: a frame of RequestHeader(xid, type) and the body. */
  public void send(int xid, int type, Record body) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(bytes(new RequestHeader(xid, type)));
    if (body != null) {
      frame.writeBytes(bytes(body));
    }
    sendFrame(frame.toByteArray());
  }

  /** Sends {@code payload} with its 4-byte length in front. */
  public void sendFrame(byte[] payload) {
    writeRaw(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
  }

  public void writeRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one frame and returns its payload. */
  public byte[] readFrame() {
    try {
      int length = in.readInt();
      byte[] payload = new byte[length];
      in.readFully(payload);
      return payload;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one frame into {@code record} (a ConnectResponse, for instance). */
  public void readRecord(Record record) {
    deserialize(readFrame(), record);
  }

  /** Reads a reply: its header, and the body into {@code body} when there is one. */
  public ReplyHeader readReply(Record body) {
    byte[] frame = readFrame();
    try {
      BinaryInputArchive archive = archive(frame);
      ReplyHeader header = new ReplyHeader();
      header.deserialize(archive, "header");
      if (body != null && header.getErr() == 0 && frame.length > 16) {
        body.deserialize(archive, "body");
      }
      return header;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deserialize(byte[] bytes, Record record) {
    try {
      record.deserialize(archive(bytes), "raw");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A reader without the JVM's jute.maxbuffer limit: this client reads whatever it is sent. */
  private static BinaryInputArchive archive(byte[] bytes) {
    return new BinaryInputArchive(
        new DataInputStream(new ByteArrayInputStream(bytes)), Integer.MAX_VALUE / 2, 0);
  }

  /** True once the server has closed the connection (reading hits end of stream). */
  public boolean closedByServer() {
    return closedByServer(Clients.WAIT_SECONDS * 1000);
  }

  /** Whether the server closes the connection within {@code millis}. */
  public boolean closedByServer(long millis) {
    try {
      socket.setSoTimeout((int) millis);
      InputStream stream = socket.getInputStream();
      while (stream.read() != -1) {
        // Drain what the server sent before closing.
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException e) {
      return true;
    } catch (IOException e) {
      // A reset is a close too.
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

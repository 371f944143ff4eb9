package io.zkensemble.node.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Talking to node processes on 127.0.0.1. */
final class Loopback {
  static final String HOST = "127.0.0.1";

  /** How long one connect or read may take before we call the port silent. */
  private static final int SOCKET_TIMEOUT_MILLIS = 2_000;

  private Loopback() {}

  /** A port nothing listens on right now (the OS's pick for port 0, released at once). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer to the four-letter word srvr on {@code port}; empty when nothing answers. */
  static Optional<String> srvr(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), SOCKET_TIMEOUT_MILLIS);
      socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write("srvr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** True when srvr on {@code port} says the node serves as a standalone server. */
  static boolean servesStandalone(int port) {
    return srvr(port).filter(answer -> answer.contains("Mode: standalone")).isPresent();
  }
}

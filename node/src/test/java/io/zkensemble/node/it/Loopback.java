package io.zkensemble.node.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Talking to node processes on 127.0.0.1. */
final class Loopback {
  static final String HOST = "127.0.0.1";

  /** How long one connect or read may take before we call the port silent. */
  private static final int SOCKET_TIMEOUT_MILLIS = 2_000;

  private Loopback() {}

  /**
   * Ports are drawn between these, below the kernel's ephemeral range (32768-60999 by default),
   * from which bind(0) picks ports and every outgoing connection its source port: a port bind(0)
   * gave and released can be taken by either (or by another test's bind(0)) before the server it
   * was picked for binds it: the likeliest reason why a member of a 5-server ensemble, started
   * seconds after its ports were picked, once exited at its start. Above the pseudo-cluster
   * script's 12180-12579 and the customary 2181, 2888 and 3888.
   */
  private static final int FIRST_PORT = 15_000;

  private static final int END_PORT = 32_000;

  /** Draws before giving up: most of the range is free on any sane machine. */
  private static final int ATTEMPTS = 1_000;

  /** Every port handed out in this JVM: no two servers get the same one. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port nothing listens on right now, drawn at random below the ephemeral range, never the same
   * twice in this JVM.
   */
  static int freePort() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(END_PORT - FIRST_PORT);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(port));
        return port;
      } catch (IOException e) {
        // In use: draw another.
      }
    }
    throw new IllegalStateException(
        "no free port between " + FIRST_PORT + " and " + END_PORT + " in " + ATTEMPTS + " draws");
  }

  /** The answer to the four-letter word srvr on {@code port}; empty when nothing answers. */
  static Optional<String> srvr(int port) {
    return srvr(HOST, port);
  }

  /** The answer to srvr on {@code host:port}; empty when nothing answers. */
  static Optional<String> srvr(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), SOCKET_TIMEOUT_MILLIS);
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

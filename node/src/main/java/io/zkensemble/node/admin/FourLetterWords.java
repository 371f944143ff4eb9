package io.zkensemble.node.admin;

import static java.util.stream.Collectors.joining;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.Version;
import io.zkensemble.node.request.RequestPipeline;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Four-letter words: a connection whose first four bytes spell a command gets its text answer and
 * is closed (Apache's NIOServerCnxn.checkFourLetterWord). Commands outside 4lw.commands.whitelist
 * get Apache's refusal text; srvr is always enabled.
 */
public final class FourLetterWords {
  /** Apache's telnet close command (FourLetterCommands.telnetCloseCmd). */
  private static final int TELNET_CLOSE = 0xfff4fffd;

  /** Apache's AbstractFourLetterCommand.ZK_NOT_SERVING, with println's newline. */
  private static final String READ_ONLY = "read-only";

  static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";

  private final Set<String> known;
  private final Set<String> enabled;
  private final RequestPipeline pipeline;
  private final IntSupplier connections;

  public FourLetterWords(
      Set<String> known, Set<String> enabled, RequestPipeline pipeline, IntSupplier connections) {
    this.known = known;
    this.enabled = enabled;
    this.pipeline = pipeline;
    this.connections = connections;
  }

  /** True when a connection's first int is a four-letter word rather than a frame length. */
  public boolean isCommand(int firstInt) {
    return firstInt == TELNET_CLOSE || known.contains(word(firstInt));
  }

  /** Answers the command; {@code out} writes the text and closes the connection. */
  public void answer(int firstInt, Consumer<Buffer> out) {
    if (firstInt == TELNET_CLOSE) {
      out.accept(Buffer.buffer());
      return;
    }
    String command = word(firstInt);
    if (!enabled.contains(command)) {
      out.accept(text(command + " is not executed because it is not in the whitelist.\n"));
      return;
    }
    switch (command) {
      case "srvr" -> pipeline.inspect(state -> out.accept(text(srvr(state, false))));
      case "stat" -> pipeline.inspect(state -> out.accept(text(srvr(state, true))));
      case "ruok" -> out.accept(text("imok"));
      // Apache answers "ro" only from its read-only server, "null" when it is not serving.
      case "isro" -> pipeline.inspect(state -> out.accept(text(isro(state))));
      default -> out.accept(text(command + " is not executed because it is not supported yet.\n"));
    }
  }

  /**
   * Apache's StatCommand output: for stat with the client list (other than this connection),
   * ServerStats.toString and the node count.
   */
  private String srvr(RequestPipeline.Figures state, boolean withClients) {
    if (!state.serving()) {
      return NOT_SERVING;
    }
    String clients =
        withClients
            ? "Clients:\n" + state.clients().stream().map(c -> c + "\n").collect(joining()) + "\n"
            : "";
    return "Zookeeper version: "
        + Version.FULL
        + "\n"
        + (READ_ONLY.equals(state.mode()) ? "READ-ONLY mode; serving only read-only clients\n" : "")
        + clients
        + "Latency min/avg/max: "
        + state.minLatency()
        + "/"
        + state.avgLatency()
        + "/"
        + state.maxLatency()
        + "\n"
        + "Received: "
        + state.received()
        + "\n"
        + "Sent: "
        + state.sent()
        + "\n"
        + "Connections: "
        + connections.getAsInt()
        + "\n"
        + "Outstanding: "
        + state.outstanding()
        + "\n"
        + "Zxid: 0x"
        + Long.toHexString(state.lastZxid())
        + "\n"
        + "Mode: "
        + state.mode()
        + "\n"
        + "Node count: "
        + state.nodeCount()
        + "\n";
  }

  private static String isro(RequestPipeline.Figures state) {
    if (!state.serving()) {
      return "null";
    }
    return READ_ONLY.equals(state.mode()) ? "ro" : "rw";
  }

  private static String word(int firstInt) {
    byte[] bytes = {
      (byte) (firstInt >>> 24), (byte) (firstInt >>> 16), (byte) (firstInt >>> 8), (byte) firstInt
    };
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static Buffer text(String text) {
    return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
  }
}

package io.zkensemble.node.admin;

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
      case "srvr" -> pipeline.inspect(state -> out.accept(text(srvr(state))));
      default -> out.accept(text(command + " is not executed because it is not supported yet.\n"));
    }
  }

  /** Apache's StatCommand output without the client list (ServerStats.toString + node count). */
  private String srvr(RequestPipeline.Figures state) {
    return "Zookeeper version: "
        + Version.FULL
        + "\n"
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
        + "Mode: standalone\n"
        + "Node count: "
        + state.nodeCount()
        + "\n";
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

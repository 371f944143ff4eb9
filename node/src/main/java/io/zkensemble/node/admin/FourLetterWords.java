package io.zkensemble.node.admin;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.request.ServerView;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Four-letter words: a connection whose first four bytes spell a command gets its text answer and
 * is closed (Apache's NIOServerCnxn.checkFourLetterWord). Commands outside 4lw.commands.whitelist
 * get Apache's refusal text. The texts themselves are {@link FourLetterTexts}'.
 */
public final class FourLetterWords {
  /** Apache's telnet close command (FourLetterCommands.telnetCloseCmd). */
  private static final int TELNET_CLOSE = 0xfff4fffd;

  private final Set<String> known;
  private final Set<String> enabled;
  private final RequestPipeline pipeline;
  private final FourLetterTexts texts;

  public FourLetterWords(
      Set<String> known, Set<String> enabled, RequestPipeline pipeline, NodeStatus status) {
    this.known = known;
    this.enabled = enabled;
    this.pipeline = pipeline;
    this.texts = new FourLetterTexts(status);
  }

  /** True when a connection's first int is a four-letter word rather than a frame length. */
  public boolean isCommand(int firstInt) {
    return firstInt == TELNET_CLOSE || known.contains(word(firstInt));
  }

  /**
   * Answers the command asked by the connection from {@code remote}; {@code out} writes the text
   * and closes the connection.
   */
  public void answer(int firstInt, String remote, Consumer<Buffer> out) {
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
      case "ruok" -> out.accept(text("imok"));
      case "envi" -> out.accept(text(FourLetterTexts.envi()));
      case "gtmk" -> out.accept(text(Long.toString(TraceMask.get())));
      // Apache reads the new mask from the 8 bytes after stmk; none came: it prints nothing.
      case "stmk" -> out.accept(Buffer.buffer());
      default -> onPipeline(view -> texts.answer(command, view, remote), out);
    }
  }

  private void onPipeline(Function<ServerView, String> answer, Consumer<Buffer> out) {
    pipeline.inspect(view -> out.accept(text(answer.apply(view))));
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

package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** What a frame parser reported, in order: initial messages and notifications, and errors. */
public final class Parsed {
  public final List<Object> items = new ArrayList<>();
  public final List<String> errors = new ArrayList<>();

  public static Parsed election(List<Buffer> chunks, boolean expectInitialMessage) {
    Parsed parsed = new Parsed();
    ElectionFrames frames =
        new ElectionFrames(
            expectInitialMessage, parsed.items::add, parsed.items::add, parsed.errors::add);
    chunks.forEach(frames::feed);
    return parsed;
  }
}

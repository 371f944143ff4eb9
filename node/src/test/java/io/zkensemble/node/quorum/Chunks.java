package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The ways a connection's bytes may arrive: all at once, a byte at a time, in random chunks. */
public final class Chunks {
  private Chunks() {}

  /** Each way of cutting {@code bytes}, named for assertion messages. */
  public record Way(String name, List<Buffer> chunks) {}

  public static List<Way> ways(byte[] bytes, long seed) {
    return List.of(
        new Way("whole", List.of(Buffer.buffer(bytes))),
        new Way("byte by byte", cut(bytes, new Random(seed), 1)),
        new Way("random chunks up to 7 bytes", cut(bytes, new Random(seed), 7)),
        new Way("random chunks up to 1000 bytes", cut(bytes, new Random(seed), 1000)));
  }

  /** {@code bytes} in chunks of 1 to {@code max} bytes. */
  public static List<Buffer> cut(byte[] bytes, Random random, int max) {
    List<Buffer> chunks = new ArrayList<>();
    for (int at = 0; at < bytes.length; ) {
      int size = Math.min(bytes.length - at, 1 + random.nextInt(max));
      chunks.add(Buffer.buffer(size).appendBytes(bytes, at, size));
      at += size;
    }
    return chunks;
  }
}

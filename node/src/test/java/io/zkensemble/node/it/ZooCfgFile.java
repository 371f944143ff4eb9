package io.zkensemble.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** zoo.cfg files for node processes. */
final class ZooCfgFile {
  private ZooCfgFile() {}

  /**
   * Writes {@code dir/zoo.cfg} for a standalone node on 127.0.0.1:{@code port} with its data in
   * {@code dir/data} (not created: the node must create it), plus {@code extraLines}.
   */
  static Path standalone(Path dir, int port, String... extraLines) {
    List<String> lines = new ArrayList<>();
    lines.add("tickTime=2000");
    lines.add("dataDir=" + dataDir(dir));
    lines.add("clientPort=" + port);
    lines.add("clientPortAddress=" + Loopback.HOST);
    lines.addAll(List.of(extraLines));
    return write(dir, lines.toArray(String[]::new));
  }

  /**
   * Writes {@code lines} as {@code dir/zoo.cfg}, with a free admin.serverPort unless they set the
   * admin server up themselves: nodes under test never fight over Apache's default 8080.
   */
  static Path write(Path dir, String... lines) {
    Path file = dir.resolve("zoo.cfg");
    List<String> all = new ArrayList<>(List.of(lines));
    if (all.stream().noneMatch(line -> line.startsWith("admin."))) {
      all.add("admin.serverPort=" + Loopback.freePort());
    }
    try {
      Files.write(file, all, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The dataDir of a config written by {@link #standalone}. */
  static Path dataDir(Path dir) {
    return dir.resolve("data");
  }
}

package io.zkensemble.node.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The dynamic configuration as Apache keeps it: {@code zoo.cfg.dynamic.<hex version>} next to
 * zoo.cfg, holding the server lines (sorted), and zoo.cfg pointing at it with {@code
 * dynamicConfigFile=} instead of holding server lines (QuorumPeerConfig.writeDynamicConfig and
 * editStaticConfig). Both are replaced atomically, so a crash leaves the old pair or the new one.
 */
public final class DynamicConfigFile {
  private static final String SUFFIX = ".dynamic.";

  private DynamicConfigFile() {}

  /** The configuration in {@code file}; its version is in the name unless a version line says. */
  static QuorumConfig read(Path file, QuorumOptions options) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("dynamicConfigFile " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read dynamicConfigFile " + file + ": " + e.getMessage());
    }
    String name = file.getFileName().toString();
    int at = name.lastIndexOf(SUFFIX);
    if (!text.contains("version=") && at >= 0) {
      text = text.strip() + "\nversion=" + name.substring(at + SUFFIX.length());
    }
    try {
      return QuorumConfig.parse(0, text, options);
    } catch (NumberFormatException e) {
      throw new ConfigException("dynamicConfigFile " + file + ": bad version " + e.getMessage());
    }
  }

  /**
   * Writes {@code config} as the dynamic config file next to {@code zooCfg} and points zoo.cfg at
   * it, as Apache does once a reconfig is activated.
   */
  public static Path write(Path zooCfg, QuorumConfig config) throws IOException {
    Path dynamic =
        zooCfg.resolveSibling(zooCfg.getFileName() + SUFFIX + Long.toHexString(config.version()));
    List<String> servers = new ArrayList<>();
    for (QuorumServer server : config.servers()) {
      servers.add("server." + server.id() + "=" + server.toApacheString());
    }
    servers.sort(null);
    replace(dynamic, String.join("\n", servers) + "\n");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(zooCfg, StandardCharsets.UTF_8)) {
      String key = line.strip();
      if (!key.startsWith(ServerLine.PREFIX) && !key.startsWith("dynamicConfigFile")) {
        lines.add(line);
      }
    }
    lines.add("dynamicConfigFile=" + dynamic.toAbsolutePath());
    replace(zooCfg, String.join("\n", lines) + "\n");
    return dynamic;
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}

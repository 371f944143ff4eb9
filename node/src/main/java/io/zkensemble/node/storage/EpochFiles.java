package io.zkensemble.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The acceptedEpoch and currentEpoch files Apache's QuorumPeer keeps in dataDir/version-2: the
 * number as decimal text, replaced atomically (written to a .tmp file, forced, renamed).
 */
public final class EpochFiles {
  public static final String ACCEPTED_EPOCH = "acceptedEpoch";
  public static final String CURRENT_EPOCH = "currentEpoch";

  private final Path dir;

  public EpochFiles(Path snapDir) {
    this.dir = snapDir;
  }

  /** The epoch in {@code name}, or -1 when the file does not exist. */
  public long read(String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      return -1;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("Found " + text + " in " + file);
    }
  }

  public void write(String name, long epoch) throws IOException {
    Path file = dir.resolve(name);
    Path temp = dir.resolve(name + ".tmp");
    Files.writeString(temp, Long.toString(epoch), StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    SnapshotFile.forceDirectory(dir);
  }
}

package io.zkensemble.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** Opens the channels storage writes through; tests pass one whose channels fail on demand. */
@FunctionalInterface
public interface FileOpener {
  FileOpener DEFAULT = FileChannel::open;

  FileChannel open(Path file, OpenOption... options) throws IOException;
}

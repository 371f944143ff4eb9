package io.zkensemble.operator.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's files are, from the operator module's directory or the project's root. */
final class E2eFiles {
  private E2eFiles() {}

  /** The project's root: the directory with {@code operator/} and {@code node/}. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("operator")) && Files.isDirectory(dir.resolve("node"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no project root above " + here);
  }

  static Path module(String name) {
    return root().resolve(name);
  }

  /** The java running this, i.e. the build's JDK. */
  static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this"));
  }
}

package io.zkensemble.node.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** One write a crash test sends, with the outcome already resolved (a sequential node's name). */
sealed interface Write {
  /** Characters of data a failure message shows before cutting it short. */
  int SHOWN_DATA = 24;

  /** One line for failure messages. */
  String describe();

  /**
   * Creates a persistent node; a sequential one is asked for at {@link #requestPath()} and must get
   * {@code path}, the name its parent's creation count gives it.
   */
  record Create(String path, String data, boolean sequential) implements Write {
    /** The sequence suffix Apache appends: the parent's cversion as %010d. */
    static final int SUFFIX_LENGTH = 10;

    String requestPath() {
      return sequential ? path.substring(0, path.length() - SUFFIX_LENGTH) : path;
    }

    @Override
    public String describe() {
      return (sequential ? "create sequential " : "create ") + path + " " + show(data);
    }
  }

  /** Sets a node's data if its version is {@code expectedVersion}. */
  record SetData(String path, String data, int expectedVersion) implements Write {
    @Override
    public String describe() {
      return "setData " + path + " " + show(data) + " at version " + expectedVersion;
    }
  }

  /** Deletes a childless node if its version is {@code expectedVersion}. */
  record Delete(String path, int expectedVersion) implements Write {
    @Override
    public String describe() {
      return "delete " + path + " at version " + expectedVersion;
    }
  }

  /** A multi transaction of non-sequential creates, setData and deletes: all or nothing. */
  record Multi(List<Write> writes) implements Write {
    public Multi {
      writes = List.copyOf(writes);
      for (Write write : writes) {
        if (write instanceof Multi || write instanceof Create create && create.sequential()) {
          throw new IllegalArgumentException("not allowed inside this multi: " + write.describe());
        }
      }
    }

    @Override
    public String describe() {
      return writes.stream().map(Write::describe).collect(Collectors.joining("; ", "multi [", "]"));
    }
  }

  /** {@code data} as the server stores it. */
  static byte[] bytes(String data) {
    return data.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code data} quoted, cut to {@link #SHOWN_DATA} characters, with its length. */
  static String show(String data) {
    if (data == null) {
      return "null";
    }
    String shown = data.length() > SHOWN_DATA ? data.substring(0, SHOWN_DATA) + "..." : data;
    return "'" + shown + "' (" + bytes(data).length + " bytes)";
  }
}

package io.zkensemble.node.storage;

import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.Id;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jute's binary encoding read from a stream (a snapshot is read as it is decompressed), with a
 * bound on every length so that a corrupt file fails fast instead of allocating what it claims.
 */
final class StreamReader {
  /** Larger than any sane znode; a length beyond it means the file is corrupt. */
  private static final int MAX_LENGTH = 256 * 1024 * 1024;

  private final DataInputStream in;

  StreamReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  int readInt() throws IOException {
    return in.readInt();
  }

  long readLong() throws IOException {
    return in.readLong();
  }

  String readString() throws IOException {
    byte[] bytes = readBuffer();
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  byte[] readBuffer() throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > MAX_LENGTH) {
      throw new IOException("unreasonable length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  List<ACL> readAcls() throws IOException {
    int count = in.readInt();
    if (count < 0 || count > MAX_LENGTH) {
      throw new IOException("unreasonable ACL count " + count);
    }
    List<ACL> acls = new ArrayList<>(Math.min(count, 16));
    for (int i = 0; i < count; i++) {
      acls.add(new ACL(in.readInt(), new Id(readString(), readString())));
    }
    return acls;
  }

  /** Reads what is left, up to {@code max} bytes; more than that is an error. */
  byte[] readRest(int max) throws IOException {
    byte[] rest = in.readNBytes(max + 1);
    if (rest.length > max) {
      throw new IOException("more than " + max + " bytes after the tree");
    }
    return rest;
  }
}

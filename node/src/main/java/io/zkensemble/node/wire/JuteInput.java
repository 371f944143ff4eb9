package io.zkensemble.node.wire;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads Jute's binary encoding (org.apache.jute.BinaryInputArchive) from a slice of a Vert.x {@link
 * Buffer}. Every length is checked against the bytes that are left, so a truncated or lying record
 * fails with a {@link JuteException} instead of allocating what the length claims.
 */
public final class JuteInput {
  private final Buffer buffer;
  private final int end;
  private int position;

  public JuteInput(Buffer buffer) {
    this(buffer, 0, buffer.length());
  }

  public JuteInput(Buffer buffer, int start, int end) {
    if (start < 0 || end > buffer.length() || start > end) {
      throw new IllegalArgumentException("slice [" + start + ", " + end + ") outside the buffer");
    }
    this.buffer = buffer;
    this.position = start;
    this.end = end;
  }

  public int remaining() {
    return end - position;
  }

  public int position() {
    return position;
  }

  public Buffer buffer() {
    return buffer;
  }

  public int readInt() {
    require(4, "int");
    int value = buffer.getInt(position);
    position += 4;
    return value;
  }

  public long readLong() {
    require(8, "long");
    long value = buffer.getLong(position);
    position += 8;
    return value;
  }

  public boolean readBool() {
    require(1, "boolean");
    return buffer.getByte(position++) != 0;
  }

  public String readString() {
    int length = readLength("string");
    if (length < 0) {
      return null;
    }
    String value = buffer.getString(position, position + length, StandardCharsets.UTF_8.name());
    position += length;
    return value;
  }

  public byte[] readBuffer() {
    int length = readLength("buffer");
    if (length < 0) {
      return null;
    }
    byte[] value = buffer.getBytes(position, position + length);
    position += length;
    return value;
  }

  public <T> List<T> readVector(Function<JuteInput, T> element) {
    int count = readInt();
    if (count == -1) {
      return null;
    }
    // Every element takes at least one byte, so a count beyond the remaining bytes is a lie.
    if (count < 0 || count > remaining()) {
      throw new JuteException("vector count " + count + " with " + remaining() + " bytes left");
    }
    List<T> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(element.apply(this));
    }
    return values;
  }

  public List<String> readStrings() {
    return readVector(JuteInput::readString);
  }

  private int readLength(String what) {
    int length = readInt();
    if (length == -1) {
      return -1;
    }
    if (length < 0) {
      throw new JuteException(what + " length " + length + " is negative");
    }
    require(length, what);
    return length;
  }

  private void require(int bytes, String what) {
    if (end - position < bytes) {
      throw new JuteException(
          "truncated record: "
              + what
              + " needs "
              + bytes
              + " bytes, "
              + (end - position)
              + " left");
    }
  }
}

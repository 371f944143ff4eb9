package io.zkensemble.node.wire;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Jute's binary encoding (org.apache.jute.BinaryOutputArchive) appended to a Vert.x {@link Buffer}:
 * big-endian ints and longs, booleans as one byte, strings and buffers as an int length then the
 * bytes (-1 for null), vectors as an int count (-1 for null) then the elements.
 */
public final class JuteOutput {
  private final Buffer buffer;

  public JuteOutput(Buffer buffer) {
    this.buffer = buffer;
  }

  public Buffer buffer() {
    return buffer;
  }

  public JuteOutput writeInt(int value) {
    buffer.appendInt(value);
    return this;
  }

  public JuteOutput writeLong(long value) {
    buffer.appendLong(value);
    return this;
  }

  public JuteOutput writeBool(boolean value) {
    buffer.appendByte(value ? (byte) 1 : (byte) 0);
    return this;
  }

  public JuteOutput writeString(String value) {
    if (value == null) {
      return writeInt(-1);
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
    return this;
  }

  public JuteOutput writeBuffer(byte[] value) {
    if (value == null) {
      return writeInt(-1);
    }
    buffer.appendInt(value.length).appendBytes(value);
    return this;
  }

  public JuteOutput writeRecord(JuteRecord record) {
    record.writeTo(this);
    return this;
  }

  public <T> JuteOutput writeVector(List<T> values, BiConsumer<JuteOutput, T> element) {
    if (values == null) {
      return writeInt(-1);
    }
    buffer.appendInt(values.size());
    for (T value : values) {
      element.accept(this, value);
    }
    return this;
  }

  public JuteOutput writeStrings(List<String> values) {
    return writeVector(values, JuteOutput::writeString);
  }

  public <T extends JuteRecord> JuteOutput writeRecords(List<T> values) {
    return writeVector(values, JuteOutput::writeRecord);
  }
}

package io.zkensemble.node.wire;

import io.vertx.core.buffer.Buffer;
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

  /**
   * Writes a string the way Apache's BinaryOutputArchive does: each UTF-16 char on its own in one
   * to three bytes. That equals UTF-8 below U+10000; a surrogate pair takes six bytes (CESU-8)
   * where UTF-8 takes four, and matching Apache byte for byte matters for logs, snapshots and
   * digests.
   */
  public JuteOutput writeString(String value) {
    if (value == null) {
      return writeInt(-1);
    }
    int length = value.length();
    int encoded = length;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x800) {
        encoded += 2;
      } else if (c >= 0x80) {
        encoded += 1;
      }
    }
    buffer.appendInt(encoded);
    if (encoded == length) {
      buffer.appendString(value, "ISO-8859-1");
      return this;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        buffer.appendByte((byte) c);
      } else if (c < 0x800) {
        buffer.appendByte((byte) (0xc0 | (c >> 6))).appendByte((byte) (0x80 | (c & 0x3f)));
      } else {
        buffer
            .appendByte((byte) (0xe0 | (c >> 12)))
            .appendByte((byte) (0x80 | ((c >> 6) & 0x3f)))
            .appendByte((byte) (0x80 | (c & 0x3f)));
      }
    }
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

package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import java.nio.charset.StandardCharsets;

/**
 * org.apache.zookeeper.DeleteContainerRequest (deleteContainer, op 20): not in the jute schema but
 * hand-written in Apache's client jar, with the path as a buffer of its UTF-8 bytes.
 */
public record DeleteContainerRequest(String path) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeBuffer(path.getBytes(StandardCharsets.UTF_8));
  }

  public static DeleteContainerRequest readFrom(JuteInput in) {
    byte[] bytes = in.readBuffer();
    return new DeleteContainerRequest(
        bytes == null ? null : new String(bytes, StandardCharsets.UTF_8));
  }
}

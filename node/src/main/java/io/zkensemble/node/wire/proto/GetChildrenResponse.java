package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import java.util.List;

/** org.apache.zookeeper.proto.GetChildrenResponse. */
public record GetChildrenResponse(List<String> children) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeStrings(children);
  }

  public static GetChildrenResponse readFrom(JuteInput in) {
    return new GetChildrenResponse(in.readStrings());
  }
}

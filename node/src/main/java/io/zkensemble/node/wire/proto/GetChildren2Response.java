package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.Stat;
import java.util.List;

/** org.apache.zookeeper.proto.GetChildren2Response: the response to getChildren2 (12). */
public record GetChildren2Response(List<String> children, Stat stat) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeStrings(children).writeRecord(stat);
  }

  public static GetChildren2Response readFrom(JuteInput in) {
    return new GetChildren2Response(in.readStrings(), Stat.readFrom(in));
  }
}

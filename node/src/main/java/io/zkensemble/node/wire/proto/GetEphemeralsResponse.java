package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import java.util.List;

/** org.apache.zookeeper.proto.GetEphemeralsResponse: the response to getEphemerals (103). */
public record GetEphemeralsResponse(List<String> ephemerals) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeStrings(ephemerals);
  }

  public static GetEphemeralsResponse readFrom(JuteInput in) {
    return new GetEphemeralsResponse(in.readStrings());
  }
}

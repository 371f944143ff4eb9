package io.zkensemble.node.wire.proto;

import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.data.ClientInfo;
import java.util.List;

/** org.apache.zookeeper.proto.WhoAmIResponse: the response to whoAmI (107). */
public record WhoAmIResponse(List<ClientInfo> clientInfo) implements JuteRecord {
  @Override
  public void writeTo(JuteOutput out) {
    out.writeRecords(clientInfo);
  }

  public static WhoAmIResponse readFrom(JuteInput in) {
    return new WhoAmIResponse(in.readVector(ClientInfo::readFrom));
  }
}

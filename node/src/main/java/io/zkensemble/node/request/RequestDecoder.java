package io.zkensemble.node.request;

import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.OpCode;
import io.zkensemble.node.wire.proto.AddWatchRequest;
import io.zkensemble.node.wire.proto.AuthPacket;
import io.zkensemble.node.wire.proto.CheckWatchesRequest;
import io.zkensemble.node.wire.proto.CreateRequest;
import io.zkensemble.node.wire.proto.CreateTTLRequest;
import io.zkensemble.node.wire.proto.DeleteContainerRequest;
import io.zkensemble.node.wire.proto.DeleteRequest;
import io.zkensemble.node.wire.proto.ExistsRequest;
import io.zkensemble.node.wire.proto.GetACLRequest;
import io.zkensemble.node.wire.proto.GetAllChildrenNumberRequest;
import io.zkensemble.node.wire.proto.GetChildren2Request;
import io.zkensemble.node.wire.proto.GetChildrenRequest;
import io.zkensemble.node.wire.proto.GetDataRequest;
import io.zkensemble.node.wire.proto.GetEphemeralsRequest;
import io.zkensemble.node.wire.proto.GetSASLRequest;
import io.zkensemble.node.wire.proto.MultiRequest;
import io.zkensemble.node.wire.proto.ReconfigRequest;
import io.zkensemble.node.wire.proto.RemoveWatchesRequest;
import io.zkensemble.node.wire.proto.SetACLRequest;
import io.zkensemble.node.wire.proto.SetDataRequest;
import io.zkensemble.node.wire.proto.SetWatches;
import io.zkensemble.node.wire.proto.SetWatches2;
import io.zkensemble.node.wire.proto.SyncRequest;
import java.util.function.Function;

/** Decodes the body of a client request by its type, on the connection's event loop. */
public final class RequestDecoder {
  private RequestDecoder() {}

  /**
   * True for the request types Apache's server accepts (Request.isValid); anything else is answered
   * with Unimplemented and the connection is closed.
   */
  public static boolean isKnown(int type) {
    return switch (type) {
      case OpCode.AUTH,
          OpCode.SASL,
          OpCode.CLOSE_SESSION,
          OpCode.CREATE,
          OpCode.CREATE2,
          OpCode.CREATE_TTL,
          OpCode.CREATE_CONTAINER,
          OpCode.DELETE,
          OpCode.DELETE_CONTAINER,
          OpCode.EXISTS,
          OpCode.GET_ACL,
          OpCode.GET_CHILDREN,
          OpCode.GET_ALL_CHILDREN_NUMBER,
          OpCode.GET_CHILDREN2,
          OpCode.GET_DATA,
          OpCode.GET_EPHEMERALS,
          OpCode.MULTI,
          OpCode.MULTI_READ,
          OpCode.PING,
          OpCode.RECONFIG,
          OpCode.SET_ACL,
          OpCode.SET_DATA,
          OpCode.SET_WATCHES,
          OpCode.SET_WATCHES2,
          OpCode.SYNC,
          OpCode.CHECK_WATCHES,
          OpCode.REMOVE_WATCHES,
          OpCode.ADD_WATCH,
          OpCode.WHO_AM_I ->
          true;
      default -> false;
    };
  }

  /** Decodes a request of a known type; a body that does not decode yields a malformed request. */
  public static ClientRequest decode(int xid, int type, JuteInput body) {
    long now = System.nanoTime();
    Function<JuteInput, ? extends JuteRecord> reader = reader(type);
    if (reader == null) {
      return new ClientRequest(xid, type, null, false, now);
    }
    try {
      return new ClientRequest(xid, type, reader.apply(body), false, now);
    } catch (JuteException e) {
      return new ClientRequest(xid, type, null, true, now);
    }
  }

  private static Function<JuteInput, ? extends JuteRecord> reader(int type) {
    return switch (type) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> CreateRequest::readFrom;
      case OpCode.CREATE_TTL -> CreateTTLRequest::readFrom;
      case OpCode.MULTI, OpCode.MULTI_READ -> MultiRequest::readFrom;
      case OpCode.DELETE -> DeleteRequest::readFrom;
      case OpCode.EXISTS -> ExistsRequest::readFrom;
      case OpCode.GET_DATA -> GetDataRequest::readFrom;
      case OpCode.SET_DATA -> SetDataRequest::readFrom;
      case OpCode.GET_CHILDREN -> GetChildrenRequest::readFrom;
      case OpCode.GET_CHILDREN2 -> GetChildren2Request::readFrom;
      case OpCode.SYNC -> SyncRequest::readFrom;
      case OpCode.SET_WATCHES -> SetWatches::readFrom;
      case OpCode.SET_WATCHES2 -> SetWatches2::readFrom;
      case OpCode.DELETE_CONTAINER -> DeleteContainerRequest::readFrom;
      case OpCode.GET_ACL -> GetACLRequest::readFrom;
      case OpCode.SET_ACL -> SetACLRequest::readFrom;
      case OpCode.ADD_WATCH -> AddWatchRequest::readFrom;
      case OpCode.CHECK_WATCHES -> CheckWatchesRequest::readFrom;
      case OpCode.REMOVE_WATCHES -> RemoveWatchesRequest::readFrom;
      case OpCode.GET_EPHEMERALS -> GetEphemeralsRequest::readFrom;
      case OpCode.GET_ALL_CHILDREN_NUMBER -> GetAllChildrenNumberRequest::readFrom;
      case OpCode.AUTH -> AuthPacket::readFrom;
      case OpCode.SASL -> GetSASLRequest::readFrom;
      case OpCode.RECONFIG -> ReconfigRequest::readFrom;
      default -> null;
    };
  }
}

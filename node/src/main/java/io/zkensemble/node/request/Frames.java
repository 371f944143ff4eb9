package io.zkensemble.node.request;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.tree.watch.WatchEvent;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.JuteRecord;
import io.zkensemble.node.wire.Xid;
import io.zkensemble.node.wire.proto.ConnectResponse;
import io.zkensemble.node.wire.proto.ReplyHeader;
import io.zkensemble.node.wire.proto.WatcherEvent;

/** Encodes what the server sends a client, each as one length-prefixed frame. */
public final class Frames {
  /** Room for the length, a ReplyHeader and a small body: most replies fit without growing. */
  private static final int INITIAL_SIZE = 128;

  private Frames() {}

  /** A reply: header and, when the request succeeded and has one, a body. */
  public static Buffer reply(ReplyHeader header, JuteRecord body) {
    Buffer buffer = Buffer.buffer(INITIAL_SIZE).appendInt(0);
    JuteOutput out = new JuteOutput(buffer).writeRecord(header);
    if (body != null) {
      out.writeRecord(body);
    }
    return buffer.setInt(0, buffer.length() - 4);
  }

  /** A watch notification (xid -1), as Apache's ServerCnxn.process(WatchedEvent) sends it. */
  public static Buffer notification(WatchEvent event) {
    return reply(
        new ReplyHeader(Xid.NOTIFICATION, event.zxid(), 0),
        new WatcherEvent(event.type(), WatchEvent.STATE_SYNC_CONNECTED, event.path()));
  }

  /** The connect response, without readOnly for clients whose request had none. */
  public static Buffer connectResponse(ConnectResponse response, boolean withReadOnly) {
    Buffer buffer = Buffer.buffer(64).appendInt(0);
    response.writeTo(new JuteOutput(buffer), withReadOnly);
    return buffer.setInt(0, buffer.length() - 4);
  }
}

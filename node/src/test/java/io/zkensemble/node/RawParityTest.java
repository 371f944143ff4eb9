package io.zkensemble.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.testing.ApacheNode;
import io.zkensemble.node.testing.Parity;
import io.zkensemble.node.testing.RawClient;
import io.zkensemble.node.testing.TestNode;
import io.zkensemble.node.testing.ZkServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jute.InputArchive;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.DeleteContainerRequest;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.GetSASLRequest;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.ReconfigRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.SetDataRequest;
import org.junit.jupiter.api.Test;

/**
 * Requests the Apache Java client refuses to send (invalid paths, bad ACLs, unknown create flags,
 * malformed bodies, unknown opcodes), sent raw to Apache ZooKeeper and to our node: the reply
 * headers (xid, zxid, error) must be the same, and so must what happens to the connection.
 */
class RawParityTest {
  private static final List<ACL> OPEN = ZooDefs.Ids.OPEN_ACL_UNSAFE;

  @Test
  void invalidRequestsGetApachesAnswers() throws Exception {
    List<String> ours = Parity.assertSameAsApache(RawParityTest::scenario);
    assertTrue(ours.contains("create r -> err=-8 zxid=3"), () -> String.join("\n", ours));
  }

  @Test
  void oldClientsGetAConnectResponseWithoutReadOnly() {
    for (ZkServer server : List.of(ApacheNode.start(2000), TestNode.start("tickTime=2000"))) {
      try (server;
          RawClient client = RawClient.open(server)) {
        ConnectRequest request = new ConnectRequest(0, 0, 10_000, 0, new byte[16], false);
        byte[] withReadOnly = RawClient.bytes(request);
        byte[] old = java.util.Arrays.copyOf(withReadOnly, withReadOnly.length - 1);
        client.sendFrame(old);
        byte[] response = client.readFrame();
        // protocolVersion, timeOut, sessionId, passwd length + 16 bytes; no readOnly byte.
        assertEquals(4 + 4 + 8 + 4 + 16, response.length, server.getClass().getSimpleName());
      }
    }
  }

  private static List<String> scenario(ZkServer server) {
    List<String> lines = new ArrayList<>();
    try (RawClient client = RawClient.open(server)) {
      client.sendFrame(
          RawClient.bytes(new ConnectRequest(0, 0, 1_000_000, 0, new byte[16], false)));
      ConnectResponse connected = new ConnectResponse();
      client.readRecord(connected);
      lines.add(
          "connect -> timeout="
              + connected.getTimeOut()
              + " passwd="
              + connected.getPasswd().length
              + " readOnly="
              + connected.getReadOnly());
      Exchange x = new Exchange(client, lines);
      x.create("create /r", "/r", OPEN, 0);
      x.create("create r", "r", OPEN, 0);
      x.create("create /r/", "/r/", OPEN, 0);
      x.create("create /r//x", "/r//x", OPEN, 0);
      x.create("create /r/.", "/r/.", OPEN, 0);
      x.create("create /r/..", "/r/..", OPEN, 0);
      x.create("create NUL", "/r/a\u0000b", OPEN, 0);
      x.create("create control char", "/r/a\u0001b", OPEN, 0);
      x.create("create flags 7", "/r/x", OPEN, 7);
      x.create("create TTL flags", "/r/x", OPEN, 5);
      x.create("create container flag", "/r/container", OPEN, 4);
      x.create("create empty ACL", "/r/x", List.of(), 0);
      x.create("create world:nobody", "/r/x", List.of(new ACL(31, new Id("world", "nobody"))), 0);
      x.create("create digest no colon", "/r/x", List.of(new ACL(31, new Id("digest", "u"))), 0);
      x.create("create ip /33", "/r/x", List.of(new ACL(31, new Id("ip", "1.2.3.4/33"))), 0);
      x.create("create ip CIDR", "/r/ip", List.of(new ACL(31, new Id("ip", "10.0.0.0/8"))), 0);
      x.create("create unknown scheme", "/r/x", List.of(new ACL(31, new Id("foo", "bar"))), 0);
      x.create(
          "create duplicate ACL",
          "/r/dup",
          List.of(new ACL(31, new Id("world", "anyone")), new ACL(31, new Id("world", "anyone"))),
          0);
      x.request("delete /", OpCode.delete, new DeleteRequest("/", -1));
      x.request("delete /zookeeper", OpCode.delete, new DeleteRequest("/zookeeper", -1));
      x.request(
          "delete /zookeeper/quota", OpCode.delete, new DeleteRequest("/zookeeper/quota", -1));
      x.request("delete bad", OpCode.delete, new DeleteRequest("bad", -1));
      x.request("delete /r/", OpCode.delete, new DeleteRequest("/r/", -1));
      x.request("setData bad", OpCode.setData, new SetDataRequest("bad", new byte[1], -1));
      x.request("setData /r/", OpCode.setData, new SetDataRequest("/r/", new byte[1], -1));
      x.request("exists NUL", OpCode.exists, new ExistsRequest("/r\u0000", false));
      x.request("exists bad", OpCode.exists, new ExistsRequest("bad", false));
      x.request("getData bad", OpCode.getData, new GetDataRequest("bad", false));
      x.request("getData /r/", OpCode.getData, new GetDataRequest("/r/", false));
      x.request("getChildren bad", OpCode.getChildren, new GetChildrenRequest("bad", false));
      x.request("ping", OpCode.ping, null);
      x.truncated("truncated getData", OpCode.getData, new GetDataRequest("/r", true));
      x.truncated(
          "truncated create", OpCode.create, new CreateRequest("/r/t", new byte[8], OPEN, 0));
      x.request("create after malformed", OpCode.create, new CreateRequest("/r/z", null, OPEN, 0));
      GetChildrenResponse children = new GetChildrenResponse();
      lines.add(
          "getChildren /r -> "
              + header(x.call(OpCode.getChildren, new GetChildrenRequest("/r", false), children))
              + " "
              + children.getChildren().stream().sorted().toList());
      Record getData = new GetDataRequest("/r", false);
      Record delete = new DeleteRequest("/r/z", -1);
      x.request(
          "multi mixing reads and writes",
          OpCode.multi,
          multi(OpCode.getData, getData, OpCode.delete, delete));
      x.request("multiRead of a write", OpCode.multiRead, multi(OpCode.delete, delete));
      x.request(
          "multi with an unknown op type",
          OpCode.multi,
          multi(OpCode.delete, delete, OpCode.sync, new GetDataRequest("/r", false)));
      x.request(
          "multi with create flags 9",
          OpCode.multi,
          multi(OpCode.create, new CreateRequest("/r/f", null, OPEN, 9)));
      x.request("multi after", OpCode.create, new CreateRequest("/r/after", null, OPEN, 0));
      // Watch removal and checks for every watcher type, with and without a watch.
      x.request("exists /r with watch", OpCode.exists, new ExistsRequest("/r", true));
      x.request(
          "getChildren /r with watch", OpCode.getChildren, new GetChildrenRequest("/r", true));
      x.request("addWatch persistent /r", OpCode.addWatch, new AddWatchRequest("/r", 0));
      x.request("addWatch recursive /q", OpCode.addWatch, new AddWatchRequest("/q", 1));
      x.request("addWatch mode 7", OpCode.addWatch, new AddWatchRequest("/q", 7));
      for (int type = 1; type <= 6; type++) {
        x.request(
            "checkWatches /r type " + type,
            OpCode.checkWatches,
            new CheckWatchesRequest("/r", type));
        x.request(
            "checkWatches /q type " + type,
            OpCode.checkWatches,
            new CheckWatchesRequest("/q", type));
      }
      for (int type : new int[] {2, 2, 1, 4, 4, 5, 3, 6}) {
        x.request(
            "removeWatches /r type " + type,
            OpCode.removeWatches,
            new RemoveWatchesRequest("/r", type));
      }
      x.request("removeWatches /q type 3", OpCode.removeWatches, new RemoveWatchesRequest("/q", 3));
      x.request("whoAmI", OpCode.whoAmI, null);
      x.request(
          "reconfig",
          OpCode.reconfig,
          new ReconfigRequest("server.2=127.0.0.1:1:2", null, null, -1));
      x.request("getEphemerals", OpCode.getEphemerals, new GetEphemeralsRequest("/"));
      x.request("auth unknown scheme", OpCode.auth, new AuthPacket(0, "nosuch", new byte[0]));
      lines.add("connection closed after failed auth: " + client.closedByServer());
    }
    try (RawClient client = RawClient.session(server, 30_000)) {
      Exchange x = new Exchange(client, lines);
      x.request(
          "deleteContainer of a persistent node",
          OpCode.deleteContainer,
          new DeleteContainerRequest("/r/z"));
      x.request(
          "deleteContainer of a node with children",
          OpCode.deleteContainer,
          new DeleteContainerRequest("/r"));
      x.request(
          "sasl packet without SASL configured", OpCode.sasl, new GetSASLRequest(new byte[0]));
      x.request("ping after sasl", OpCode.ping, null);
    }
    try (RawClient client = RawClient.session(server, 30_000)) {
      Exchange x = new Exchange(client, lines);
      x.request("unknown opcode 999", 999, null);
      lines.add("connection closed: " + client.closedByServer());
    }
    return lines;
  }

  /**
   * A multi body built op by op, since Apache's MultiOperationRecord refuses to hold what this test
   * sends: pairs of (op type, request record).
   */
  private static Record multi(Object... typesAndRequests) {
    return new Record() {
      @Override
      public void serialize(OutputArchive archive, String tag) throws IOException {
        for (int i = 0; i < typesAndRequests.length; i += 2) {
          new MultiHeader((Integer) typesAndRequests[i], false, -1).serialize(archive, tag);
          ((Record) typesAndRequests[i + 1]).serialize(archive, tag);
        }
        new MultiHeader(-1, true, -1).serialize(archive, tag);
      }

      @Override
      public void deserialize(InputArchive archive, String tag) {
        throw new UnsupportedOperationException("send only");
      }
    };
  }

  private static String header(ReplyHeader header) {
    return "xid=" + header.getXid() + " zxid=" + header.getZxid() + " err=" + header.getErr();
  }

  /** Numbers requests like a client (xid 1, 2, ...) and writes down each reply. */
  private static final class Exchange {
    private final RawClient client;
    private final List<String> lines;
    private int xid;

    Exchange(RawClient client, List<String> lines) {
      this.client = client;
      this.lines = lines;
    }

    ReplyHeader call(int type, Record body, Record response) {
      int id = type == OpCode.ping ? -2 : ++xid;
      client.send(id, type, body);
      ReplyHeader header = client.readReply(response);
      assertEquals(id, header.getXid(), "reply to xid " + id);
      return header;
    }

    void request(String what, int type, Record body) {
      ReplyHeader header = call(type, body, null);
      lines.add(what + " -> err=" + header.getErr() + " zxid=" + header.getZxid());
    }

    void create(String what, String path, List<ACL> acl, int flags) {
      CreateResponse response = new CreateResponse();
      ReplyHeader header =
          call(OpCode.create, new CreateRequest(path, new byte[0], acl, flags), response);
      lines.add(
          what
              + " -> err="
              + header.getErr()
              + " zxid="
              + header.getZxid()
              + (header.getErr() == 0 ? " " + response.getPath() : ""));
    }

    /** The request with its body cut one byte short. */
    void truncated(String what, int type, Record body) {
      byte[] full = RawClient.bytes(body);
      byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
      byte[] header = RawClient.bytes(new org.apache.zookeeper.proto.RequestHeader(++xid, type));
      byte[] frame = new byte[header.length + cut.length];
      System.arraycopy(header, 0, frame, 0, header.length);
      System.arraycopy(cut, 0, frame, header.length, cut.length);
      client.sendFrame(frame);
      ReplyHeader reply = client.readReply(null);
      lines.add(what + " -> err=" + reply.getErr() + " zxid=" + reply.getZxid());
    }
  }
}

package io.zkensemble.node.wire;

import static io.zkensemble.node.wire.GoldenBytes.apacheBytes;
import static io.zkensemble.node.wire.GoldenBytes.assertGolden;
import static io.zkensemble.node.wire.WireFixtures.ACLS;
import static io.zkensemble.node.wire.WireFixtures.APACHE_ACLS;
import static io.zkensemble.node.wire.WireFixtures.APACHE_STAT;
import static io.zkensemble.node.wire.WireFixtures.DATA;
import static io.zkensemble.node.wire.WireFixtures.PATH;
import static io.zkensemble.node.wire.WireFixtures.PATHS;
import static io.zkensemble.node.wire.WireFixtures.STAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.data.ClientInfo;
import io.zkensemble.node.wire.proto.AddWatchRequest;
import io.zkensemble.node.wire.proto.AuthPacket;
import io.zkensemble.node.wire.proto.CheckVersionRequest;
import io.zkensemble.node.wire.proto.CheckWatchesRequest;
import io.zkensemble.node.wire.proto.ConnectRequest;
import io.zkensemble.node.wire.proto.ConnectResponse;
import io.zkensemble.node.wire.proto.Create2Response;
import io.zkensemble.node.wire.proto.CreateRequest;
import io.zkensemble.node.wire.proto.CreateResponse;
import io.zkensemble.node.wire.proto.CreateTTLRequest;
import io.zkensemble.node.wire.proto.DeleteRequest;
import io.zkensemble.node.wire.proto.ErrorResponse;
import io.zkensemble.node.wire.proto.ExistsRequest;
import io.zkensemble.node.wire.proto.ExistsResponse;
import io.zkensemble.node.wire.proto.GetACLRequest;
import io.zkensemble.node.wire.proto.GetACLResponse;
import io.zkensemble.node.wire.proto.GetAllChildrenNumberRequest;
import io.zkensemble.node.wire.proto.GetAllChildrenNumberResponse;
import io.zkensemble.node.wire.proto.GetChildren2Request;
import io.zkensemble.node.wire.proto.GetChildren2Response;
import io.zkensemble.node.wire.proto.GetChildrenRequest;
import io.zkensemble.node.wire.proto.GetChildrenResponse;
import io.zkensemble.node.wire.proto.GetDataRequest;
import io.zkensemble.node.wire.proto.GetDataResponse;
import io.zkensemble.node.wire.proto.GetEphemeralsRequest;
import io.zkensemble.node.wire.proto.GetEphemeralsResponse;
import io.zkensemble.node.wire.proto.GetMaxChildrenRequest;
import io.zkensemble.node.wire.proto.GetMaxChildrenResponse;
import io.zkensemble.node.wire.proto.GetSASLRequest;
import io.zkensemble.node.wire.proto.MultiHeader;
import io.zkensemble.node.wire.proto.ReconfigRequest;
import io.zkensemble.node.wire.proto.RemoveWatchesRequest;
import io.zkensemble.node.wire.proto.ReplyHeader;
import io.zkensemble.node.wire.proto.RequestHeader;
import io.zkensemble.node.wire.proto.SetACLRequest;
import io.zkensemble.node.wire.proto.SetACLResponse;
import io.zkensemble.node.wire.proto.SetDataRequest;
import io.zkensemble.node.wire.proto.SetDataResponse;
import io.zkensemble.node.wire.proto.SetMaxChildrenRequest;
import io.zkensemble.node.wire.proto.SetSASLRequest;
import io.zkensemble.node.wire.proto.SetSASLResponse;
import io.zkensemble.node.wire.proto.SetWatches;
import io.zkensemble.node.wire.proto.SetWatches2;
import io.zkensemble.node.wire.proto.SyncRequest;
import io.zkensemble.node.wire.proto.SyncResponse;
import io.zkensemble.node.wire.proto.WatcherEvent;
import io.zkensemble.node.wire.proto.WhoAmIResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.compat.ProtocolManager;
import org.junit.jupiter.api.Test;

class ProtoRecordsGoldenTest {
  private static final byte[] PASSWD = {9, -9, 0, 16, 127, -128, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void connectRequest() {
    ConnectRequest decoded =
        assertGolden(
            new ConnectRequest(-1, 0x1_0000_0002L, 30_000, 0x0123_4567_89ab_cdefL, PASSWD, true),
            new org.apache.zookeeper.proto.ConnectRequest(
                -1, 0x1_0000_0002L, 30_000, 0x0123_4567_89ab_cdefL, PASSWD, true),
            ConnectRequest::readFrom);
    assertArrayEquals(PASSWD, decoded.passwd());
    assertEquals(0x0123_4567_89ab_cdefL, decoded.sessionId());
    assertTrue(decoded.readOnly());
  }

  @Test
  void connectRequestWithNullPasswd() {
    ConnectRequest decoded =
        assertGolden(
            new ConnectRequest(0, -5, 4000, 0, null, false),
            new org.apache.zookeeper.proto.ConnectRequest(0, -5, 4000, 0, null, false),
            ConnectRequest::readFrom);
    assertNull(decoded.passwd());
    assertEquals(-5, decoded.lastZxidSeen());
  }

  @Test
  void connectRequestOfAnOldClientHasNoReadOnly() throws IOException {
    byte[] full =
        apacheBytes(
            new org.apache.zookeeper.proto.ConnectRequest(0, 77, 6000, 1L << 62, PASSWD, true));
    byte[] old = Arrays.copyOf(full, full.length - 1);
    ProtocolManager apache = new ProtocolManager();
    org.apache.zookeeper.proto.ConnectRequest apacheDecoded =
        apache.deserializeConnectRequest(
            BinaryInputArchive.getArchive(new ByteArrayInputStream(old)));
    assertFalse(apache.isReadonlyAvailable());

    JuteInput in = new JuteInput(Buffer.buffer(old));
    ConnectRequest decoded = ConnectRequest.readFrom(in);
    assertEquals(0, in.remaining());
    assertEquals(apacheDecoded.getReadOnly(), decoded.readOnly());
    assertFalse(decoded.readOnly());
    assertEquals(1L << 62, decoded.sessionId());
    assertArrayEquals(PASSWD, decoded.passwd());
  }

  @Test
  void connectResponse() {
    ConnectResponse decoded =
        assertGolden(
            new ConnectResponse(0, -40_000, Long.MIN_VALUE, PASSWD, true),
            new org.apache.zookeeper.proto.ConnectResponse(
                0, -40_000, Long.MIN_VALUE, PASSWD, true),
            ConnectResponse::readFrom);
    assertArrayEquals(PASSWD, decoded.passwd());
    assertEquals(Long.MIN_VALUE, decoded.sessionId());
    assertTrue(decoded.readOnly());
  }

  @Test
  void connectResponseWithNullPasswd() {
    ConnectResponse decoded =
        assertGolden(
            new ConnectResponse(3, 0, 0, null, false),
            new org.apache.zookeeper.proto.ConnectResponse(3, 0, 0, null, false),
            ConnectResponse::readFrom);
    assertNull(decoded.passwd());
  }

  @Test
  void connectResponseToAnOldClientHasNoReadOnly() throws IOException {
    byte[] fullRequest =
        apacheBytes(new org.apache.zookeeper.proto.ConnectRequest(0, 0, 6000, 0, PASSWD, false));
    ProtocolManager apache = new ProtocolManager();
    apache.deserializeConnectRequest(
        BinaryInputArchive.getArchive(
            new ByteArrayInputStream(Arrays.copyOf(fullRequest, fullRequest.length - 1))));
    ByteArrayOutputStream apacheOld = new ByteArrayOutputStream();
    apache.serializeConnectResponse(
        new org.apache.zookeeper.proto.ConnectResponse(0, 6000, 1L << 50, PASSWD, true),
        BinaryOutputArchive.getArchive(apacheOld));

    Buffer ours = Buffer.buffer();
    new ConnectResponse(0, 6000, 1L << 50, PASSWD, true).writeTo(new JuteOutput(ours), false);
    assertArrayEquals(apacheOld.toByteArray(), ours.getBytes());

    JuteInput in = new JuteInput(ours);
    ConnectResponse decoded = ConnectResponse.readFrom(in);
    assertEquals(0, in.remaining());
    assertFalse(decoded.readOnly());
    assertEquals(1L << 50, decoded.sessionId());
    assertArrayEquals(PASSWD, decoded.passwd());
  }

  @Test
  void setWatches() {
    SetWatches ours = new SetWatches(-1L << 40, PATHS, List.of(PATH), List.of());
    SetWatches decoded =
        assertGolden(
            ours,
            new org.apache.zookeeper.proto.SetWatches(-1L << 40, PATHS, List.of(PATH), List.of()),
            SetWatches::readFrom);
    assertEquals(ours, decoded);
  }

  @Test
  void setWatchesWithNullVectors() {
    SetWatches decoded =
        assertGolden(
            new SetWatches(7, null, null, null),
            new org.apache.zookeeper.proto.SetWatches(7, null, null, null),
            SetWatches::readFrom);
    assertNull(decoded.dataWatches());
    assertEquals(7, decoded.relativeZxid());
  }

  @Test
  void setWatches2() {
    SetWatches2 ours =
        new SetWatches2(
            0x7fff_ffff_ffffL, List.of("/d"), List.of("/e"), List.of("/c"), PATHS, List.of(PATH));
    SetWatches2 decoded =
        assertGolden(
            ours,
            new org.apache.zookeeper.proto.SetWatches2(
                0x7fff_ffff_ffffL,
                List.of("/d"),
                List.of("/e"),
                List.of("/c"),
                PATHS,
                List.of(PATH)),
            SetWatches2::readFrom);
    assertEquals(ours, decoded);
  }

  @Test
  void setWatches2WithNullVectors() {
    SetWatches2 decoded =
        assertGolden(
            new SetWatches2(-1, null, List.of("/e"), null, null, null),
            new org.apache.zookeeper.proto.SetWatches2(-1, null, List.of("/e"), null, null, null),
            SetWatches2::readFrom);
    assertNull(decoded.persistentRecursiveWatches());
    assertEquals(List.of("/e"), decoded.existWatches());
  }

  @Test
  void requestHeader() {
    RequestHeader decoded =
        assertGolden(
            new RequestHeader(-8, OpCode.SET_WATCHES2),
            new org.apache.zookeeper.proto.RequestHeader(-8, OpCode.SET_WATCHES2),
            RequestHeader::readFrom);
    assertEquals(new RequestHeader(-8, OpCode.SET_WATCHES2), decoded);
  }

  @Test
  void multiHeader() {
    MultiHeader decoded =
        assertGolden(
            new MultiHeader(OpCode.ERROR, true, ErrorCode.NO_NODE),
            new org.apache.zookeeper.proto.MultiHeader(OpCode.ERROR, true, ErrorCode.NO_NODE),
            MultiHeader::readFrom);
    assertEquals(new MultiHeader(OpCode.ERROR, true, ErrorCode.NO_NODE), decoded);
  }

  @Test
  void authPacket() {
    AuthPacket decoded =
        assertGolden(
            new AuthPacket(-3, "digest", DATA),
            new org.apache.zookeeper.proto.AuthPacket(-3, "digest", DATA),
            AuthPacket::readFrom);
    assertArrayEquals(DATA, decoded.auth());
    assertEquals("digest", decoded.scheme());
  }

  @Test
  void authPacketWithNulls() {
    AuthPacket decoded =
        assertGolden(
            new AuthPacket(0, null, null),
            new org.apache.zookeeper.proto.AuthPacket(0, null, null),
            AuthPacket::readFrom);
    assertNull(decoded.scheme());
    assertNull(decoded.auth());
  }

  @Test
  void replyHeader() {
    ReplyHeader decoded =
        assertGolden(
            new ReplyHeader(-1, 0x8000_0000_0000_0001L, ErrorCode.SESSION_EXPIRED),
            new org.apache.zookeeper.proto.ReplyHeader(
                -1, 0x8000_0000_0000_0001L, ErrorCode.SESSION_EXPIRED),
            ReplyHeader::readFrom);
    assertEquals(new ReplyHeader(-1, 0x8000_0000_0000_0001L, ErrorCode.SESSION_EXPIRED), decoded);
  }

  @Test
  void getDataRequest() {
    GetDataRequest decoded =
        assertGolden(
            new GetDataRequest(PATH, true),
            new org.apache.zookeeper.proto.GetDataRequest(PATH, true),
            GetDataRequest::readFrom);
    assertEquals(new GetDataRequest(PATH, true), decoded);
  }

  @Test
  void getDataRequestWithNullPath() {
    GetDataRequest decoded =
        assertGolden(
            new GetDataRequest(null, false),
            new org.apache.zookeeper.proto.GetDataRequest(null, false),
            GetDataRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void setDataRequest() {
    SetDataRequest decoded =
        assertGolden(
            new SetDataRequest(PATH, DATA, -1),
            new org.apache.zookeeper.proto.SetDataRequest(PATH, DATA, -1),
            SetDataRequest::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(-1, decoded.version());
  }

  @Test
  void setDataRequestWithNulls() {
    SetDataRequest decoded =
        assertGolden(
            new SetDataRequest(null, null, 12),
            new org.apache.zookeeper.proto.SetDataRequest(null, null, 12),
            SetDataRequest::readFrom);
    assertNull(decoded.data());
  }

  @Test
  void reconfigRequest() {
    ReconfigRequest ours =
        new ReconfigRequest(
            "server.4=h4:2888:3888;2181", "1,2", "server.5=h5:2888:3888:observer;2181", -1L);
    ReconfigRequest decoded =
        assertGolden(
            ours,
            new org.apache.zookeeper.proto.ReconfigRequest(
                "server.4=h4:2888:3888;2181", "1,2", "server.5=h5:2888:3888:observer;2181", -1L),
            ReconfigRequest::readFrom);
    assertEquals(ours, decoded);
  }

  @Test
  void reconfigRequestWithNulls() {
    ReconfigRequest decoded =
        assertGolden(
            new ReconfigRequest(null, null, null, 1L << 32),
            new org.apache.zookeeper.proto.ReconfigRequest(null, null, null, 1L << 32),
            ReconfigRequest::readFrom);
    assertNull(decoded.newMembers());
    assertEquals(1L << 32, decoded.curConfigId());
  }

  @Test
  void setDataResponse() {
    SetDataResponse decoded =
        assertGolden(
            new SetDataResponse(STAT),
            new org.apache.zookeeper.proto.SetDataResponse(APACHE_STAT),
            SetDataResponse::readFrom);
    assertEquals(STAT, decoded.stat());
  }

  @Test
  void getSaslRequest() {
    GetSASLRequest decoded =
        assertGolden(
            new GetSASLRequest(DATA),
            new org.apache.zookeeper.proto.GetSASLRequest(DATA),
            GetSASLRequest::readFrom);
    assertArrayEquals(DATA, decoded.token());
  }

  @Test
  void getSaslRequestWithNullToken() {
    GetSASLRequest decoded =
        assertGolden(
            new GetSASLRequest(null),
            new org.apache.zookeeper.proto.GetSASLRequest(null),
            GetSASLRequest::readFrom);
    assertNull(decoded.token());
  }

  @Test
  void setSaslRequest() {
    SetSASLRequest decoded =
        assertGolden(
            new SetSASLRequest(PASSWD),
            new org.apache.zookeeper.proto.SetSASLRequest(PASSWD),
            SetSASLRequest::readFrom);
    assertArrayEquals(PASSWD, decoded.token());
  }

  @Test
  void setSaslRequestWithNullToken() {
    SetSASLRequest decoded =
        assertGolden(
            new SetSASLRequest(null),
            new org.apache.zookeeper.proto.SetSASLRequest(null),
            SetSASLRequest::readFrom);
    assertNull(decoded.token());
  }

  @Test
  void setSaslResponse() {
    SetSASLResponse decoded =
        assertGolden(
            new SetSASLResponse(new byte[] {-1}),
            new org.apache.zookeeper.proto.SetSASLResponse(new byte[] {-1}),
            SetSASLResponse::readFrom);
    assertArrayEquals(new byte[] {-1}, decoded.token());
  }

  @Test
  void setSaslResponseWithNullToken() {
    SetSASLResponse decoded =
        assertGolden(
            new SetSASLResponse(null),
            new org.apache.zookeeper.proto.SetSASLResponse(null),
            SetSASLResponse::readFrom);
    assertNull(decoded.token());
  }

  @Test
  void createRequest() {
    CreateRequest decoded =
        assertGolden(
            new CreateRequest(PATH, DATA, ACLS, 3),
            new org.apache.zookeeper.proto.CreateRequest(PATH, DATA, APACHE_ACLS, 3),
            CreateRequest::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(ACLS, decoded.acl());
  }

  @Test
  void createRequestWithNulls() {
    CreateRequest decoded =
        assertGolden(
            new CreateRequest(null, null, null, -1),
            new org.apache.zookeeper.proto.CreateRequest(null, null, null, -1),
            CreateRequest::readFrom);
    assertNull(decoded.acl());
    assertNull(decoded.data());
  }

  @Test
  void createTtlRequest() {
    CreateTTLRequest decoded =
        assertGolden(
            new CreateTTLRequest(PATH, DATA, ACLS, 5, 0xff_ffff_ffffL),
            new org.apache.zookeeper.proto.CreateTTLRequest(
                PATH, DATA, APACHE_ACLS, 5, 0xff_ffff_ffffL),
            CreateTTLRequest::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(ACLS, decoded.acl());
    assertEquals(0xff_ffff_ffffL, decoded.ttl());
  }

  @Test
  void createTtlRequestWithNulls() {
    CreateTTLRequest decoded =
        assertGolden(
            new CreateTTLRequest(null, null, null, -6, -1),
            new org.apache.zookeeper.proto.CreateTTLRequest(null, null, null, -6, -1),
            CreateTTLRequest::readFrom);
    assertNull(decoded.acl());
    assertEquals(-6, decoded.flags());
  }

  @Test
  void deleteRequest() {
    DeleteRequest decoded =
        assertGolden(
            new DeleteRequest(PATH, -1),
            new org.apache.zookeeper.proto.DeleteRequest(PATH, -1),
            DeleteRequest::readFrom);
    assertEquals(new DeleteRequest(PATH, -1), decoded);
  }

  @Test
  void deleteRequestWithNullPath() {
    DeleteRequest decoded =
        assertGolden(
            new DeleteRequest(null, 4),
            new org.apache.zookeeper.proto.DeleteRequest(null, 4),
            DeleteRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void getChildrenRequest() {
    GetChildrenRequest decoded =
        assertGolden(
            new GetChildrenRequest(PATH, true),
            new org.apache.zookeeper.proto.GetChildrenRequest(PATH, true),
            GetChildrenRequest::readFrom);
    assertEquals(new GetChildrenRequest(PATH, true), decoded);
  }

  @Test
  void getChildrenRequestWithNullPath() {
    GetChildrenRequest decoded =
        assertGolden(
            new GetChildrenRequest(null, true),
            new org.apache.zookeeper.proto.GetChildrenRequest(null, true),
            GetChildrenRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void getChildrenResponse() {
    GetChildrenResponse decoded =
        assertGolden(
            new GetChildrenResponse(PATHS),
            new org.apache.zookeeper.proto.GetChildrenResponse(PATHS),
            GetChildrenResponse::readFrom);
    assertEquals(PATHS, decoded.children());
  }

  @Test
  void getChildrenResponseWithNullVector() {
    GetChildrenResponse decoded =
        assertGolden(
            new GetChildrenResponse(null),
            new org.apache.zookeeper.proto.GetChildrenResponse(null),
            GetChildrenResponse::readFrom);
    assertNull(decoded.children());
  }

  @Test
  void getAllChildrenNumberRequest() {
    GetAllChildrenNumberRequest decoded =
        assertGolden(
            new GetAllChildrenNumberRequest(PATH),
            new org.apache.zookeeper.proto.GetAllChildrenNumberRequest(PATH),
            GetAllChildrenNumberRequest::readFrom);
    assertEquals(PATH, decoded.path());
  }

  @Test
  void getAllChildrenNumberRequestWithNullPath() {
    GetAllChildrenNumberRequest decoded =
        assertGolden(
            new GetAllChildrenNumberRequest(null),
            new org.apache.zookeeper.proto.GetAllChildrenNumberRequest(null),
            GetAllChildrenNumberRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void getAllChildrenNumberResponse() {
    GetAllChildrenNumberResponse decoded =
        assertGolden(
            new GetAllChildrenNumberResponse(-123_456),
            new org.apache.zookeeper.proto.GetAllChildrenNumberResponse(-123_456),
            GetAllChildrenNumberResponse::readFrom);
    assertEquals(-123_456, decoded.totalNumber());
  }

  @Test
  void getChildren2Request() {
    GetChildren2Request decoded =
        assertGolden(
            new GetChildren2Request(PATH, true),
            new org.apache.zookeeper.proto.GetChildren2Request(PATH, true),
            GetChildren2Request::readFrom);
    assertEquals(new GetChildren2Request(PATH, true), decoded);
  }

  @Test
  void getChildren2RequestWithNullPath() {
    GetChildren2Request decoded =
        assertGolden(
            new GetChildren2Request(null, false),
            new org.apache.zookeeper.proto.GetChildren2Request(null, false),
            GetChildren2Request::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void checkVersionRequest() {
    CheckVersionRequest decoded =
        assertGolden(
            new CheckVersionRequest(PATH, Integer.MIN_VALUE),
            new org.apache.zookeeper.proto.CheckVersionRequest(PATH, Integer.MIN_VALUE),
            CheckVersionRequest::readFrom);
    assertEquals(new CheckVersionRequest(PATH, Integer.MIN_VALUE), decoded);
  }

  @Test
  void checkVersionRequestWithNullPath() {
    CheckVersionRequest decoded =
        assertGolden(
            new CheckVersionRequest(null, 2),
            new org.apache.zookeeper.proto.CheckVersionRequest(null, 2),
            CheckVersionRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void getMaxChildrenRequest() {
    GetMaxChildrenRequest decoded =
        assertGolden(
            new GetMaxChildrenRequest(PATH),
            new org.apache.zookeeper.proto.GetMaxChildrenRequest(PATH),
            GetMaxChildrenRequest::readFrom);
    assertEquals(PATH, decoded.path());
  }

  @Test
  void getMaxChildrenRequestWithNullPath() {
    GetMaxChildrenRequest decoded =
        assertGolden(
            new GetMaxChildrenRequest(null),
            new org.apache.zookeeper.proto.GetMaxChildrenRequest(null),
            GetMaxChildrenRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void getMaxChildrenResponse() {
    GetMaxChildrenResponse decoded =
        assertGolden(
            new GetMaxChildrenResponse(Integer.MAX_VALUE),
            new org.apache.zookeeper.proto.GetMaxChildrenResponse(Integer.MAX_VALUE),
            GetMaxChildrenResponse::readFrom);
    assertEquals(Integer.MAX_VALUE, decoded.max());
  }

  @Test
  void setMaxChildrenRequest() {
    SetMaxChildrenRequest decoded =
        assertGolden(
            new SetMaxChildrenRequest(PATH, -77),
            new org.apache.zookeeper.proto.SetMaxChildrenRequest(PATH, -77),
            SetMaxChildrenRequest::readFrom);
    assertEquals(new SetMaxChildrenRequest(PATH, -77), decoded);
  }

  @Test
  void setMaxChildrenRequestWithNullPath() {
    SetMaxChildrenRequest decoded =
        assertGolden(
            new SetMaxChildrenRequest(null, 1),
            new org.apache.zookeeper.proto.SetMaxChildrenRequest(null, 1),
            SetMaxChildrenRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void syncRequest() {
    SyncRequest decoded =
        assertGolden(
            new SyncRequest(PATH),
            new org.apache.zookeeper.proto.SyncRequest(PATH),
            SyncRequest::readFrom);
    assertEquals(PATH, decoded.path());
  }

  @Test
  void syncRequestWithNullPath() {
    SyncRequest decoded =
        assertGolden(
            new SyncRequest(null),
            new org.apache.zookeeper.proto.SyncRequest(null),
            SyncRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void syncResponse() {
    SyncResponse decoded =
        assertGolden(
            new SyncResponse("/ß"),
            new org.apache.zookeeper.proto.SyncResponse("/ß"),
            SyncResponse::readFrom);
    assertEquals("/ß", decoded.path());
  }

  @Test
  void syncResponseWithNullPath() {
    SyncResponse decoded =
        assertGolden(
            new SyncResponse(null),
            new org.apache.zookeeper.proto.SyncResponse(null),
            SyncResponse::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void getAclRequest() {
    GetACLRequest decoded =
        assertGolden(
            new GetACLRequest(PATH),
            new org.apache.zookeeper.proto.GetACLRequest(PATH),
            GetACLRequest::readFrom);
    assertEquals(PATH, decoded.path());
  }

  @Test
  void getAclRequestWithNullPath() {
    GetACLRequest decoded =
        assertGolden(
            new GetACLRequest(null),
            new org.apache.zookeeper.proto.GetACLRequest(null),
            GetACLRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void setAclRequest() {
    SetACLRequest decoded =
        assertGolden(
            new SetACLRequest(PATH, ACLS, -9),
            new org.apache.zookeeper.proto.SetACLRequest(PATH, APACHE_ACLS, -9),
            SetACLRequest::readFrom);
    assertEquals(new SetACLRequest(PATH, ACLS, -9), decoded);
  }

  @Test
  void setAclRequestWithNulls() {
    SetACLRequest decoded =
        assertGolden(
            new SetACLRequest(null, null, 0),
            new org.apache.zookeeper.proto.SetACLRequest(null, null, 0),
            SetACLRequest::readFrom);
    assertNull(decoded.acl());
  }

  @Test
  void setAclResponse() {
    SetACLResponse decoded =
        assertGolden(
            new SetACLResponse(STAT),
            new org.apache.zookeeper.proto.SetACLResponse(APACHE_STAT),
            SetACLResponse::readFrom);
    assertEquals(STAT, decoded.stat());
  }

  @Test
  void addWatchRequest() {
    AddWatchRequest decoded =
        assertGolden(
            new AddWatchRequest(PATH, 1),
            new org.apache.zookeeper.proto.AddWatchRequest(PATH, 1),
            AddWatchRequest::readFrom);
    assertEquals(new AddWatchRequest(PATH, 1), decoded);
  }

  @Test
  void addWatchRequestWithNullPath() {
    AddWatchRequest decoded =
        assertGolden(
            new AddWatchRequest(null, -2),
            new org.apache.zookeeper.proto.AddWatchRequest(null, -2),
            AddWatchRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void watcherEvent() {
    WatcherEvent decoded =
        assertGolden(
            new WatcherEvent(4, 3, PATH),
            new org.apache.zookeeper.proto.WatcherEvent(4, 3, PATH),
            WatcherEvent::readFrom);
    assertEquals(new WatcherEvent(4, 3, PATH), decoded);
  }

  @Test
  void watcherEventWithNullPath() {
    WatcherEvent decoded =
        assertGolden(
            new WatcherEvent(-1, -112, null),
            new org.apache.zookeeper.proto.WatcherEvent(-1, -112, null),
            WatcherEvent::readFrom);
    assertNull(decoded.path());
    assertEquals(-112, decoded.state());
  }

  @Test
  void errorResponse() {
    ErrorResponse decoded =
        assertGolden(
            new ErrorResponse(ErrorCode.BAD_VERSION),
            new org.apache.zookeeper.proto.ErrorResponse(ErrorCode.BAD_VERSION),
            ErrorResponse::readFrom);
    assertEquals(ErrorCode.BAD_VERSION, decoded.err());
  }

  @Test
  void createResponse() {
    CreateResponse decoded =
        assertGolden(
            new CreateResponse(PATH + "0000000007"),
            new org.apache.zookeeper.proto.CreateResponse(PATH + "0000000007"),
            CreateResponse::readFrom);
    assertEquals(PATH + "0000000007", decoded.path());
  }

  @Test
  void createResponseWithNullPath() {
    CreateResponse decoded =
        assertGolden(
            new CreateResponse(null),
            new org.apache.zookeeper.proto.CreateResponse(null),
            CreateResponse::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void create2Response() {
    Create2Response decoded =
        assertGolden(
            new Create2Response(PATH, STAT),
            new org.apache.zookeeper.proto.Create2Response(PATH, APACHE_STAT),
            Create2Response::readFrom);
    assertEquals(new Create2Response(PATH, STAT), decoded);
  }

  @Test
  void create2ResponseWithNullPath() {
    Create2Response decoded =
        assertGolden(
            new Create2Response(null, STAT),
            new org.apache.zookeeper.proto.Create2Response(null, APACHE_STAT),
            Create2Response::readFrom);
    assertNull(decoded.path());
    assertEquals(STAT, decoded.stat());
  }

  @Test
  void existsRequest() {
    ExistsRequest decoded =
        assertGolden(
            new ExistsRequest(PATH, true),
            new org.apache.zookeeper.proto.ExistsRequest(PATH, true),
            ExistsRequest::readFrom);
    assertEquals(new ExistsRequest(PATH, true), decoded);
  }

  @Test
  void existsRequestWithNullPath() {
    ExistsRequest decoded =
        assertGolden(
            new ExistsRequest(null, true),
            new org.apache.zookeeper.proto.ExistsRequest(null, true),
            ExistsRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void existsResponse() {
    ExistsResponse decoded =
        assertGolden(
            new ExistsResponse(STAT),
            new org.apache.zookeeper.proto.ExistsResponse(APACHE_STAT),
            ExistsResponse::readFrom);
    assertEquals(STAT, decoded.stat());
  }

  @Test
  void getDataResponse() {
    GetDataResponse decoded =
        assertGolden(
            new GetDataResponse(DATA, STAT),
            new org.apache.zookeeper.proto.GetDataResponse(DATA, APACHE_STAT),
            GetDataResponse::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(STAT, decoded.stat());
  }

  @Test
  void getDataResponseWithNullData() {
    GetDataResponse decoded =
        assertGolden(
            new GetDataResponse(null, STAT),
            new org.apache.zookeeper.proto.GetDataResponse(null, APACHE_STAT),
            GetDataResponse::readFrom);
    assertNull(decoded.data());
  }

  @Test
  void getChildren2Response() {
    GetChildren2Response decoded =
        assertGolden(
            new GetChildren2Response(PATHS, STAT),
            new org.apache.zookeeper.proto.GetChildren2Response(PATHS, APACHE_STAT),
            GetChildren2Response::readFrom);
    assertEquals(new GetChildren2Response(PATHS, STAT), decoded);
  }

  @Test
  void getChildren2ResponseWithNullVector() {
    GetChildren2Response decoded =
        assertGolden(
            new GetChildren2Response(null, STAT),
            new org.apache.zookeeper.proto.GetChildren2Response(null, APACHE_STAT),
            GetChildren2Response::readFrom);
    assertNull(decoded.children());
  }

  @Test
  void getAclResponse() {
    GetACLResponse decoded =
        assertGolden(
            new GetACLResponse(ACLS, STAT),
            new org.apache.zookeeper.proto.GetACLResponse(APACHE_ACLS, APACHE_STAT),
            GetACLResponse::readFrom);
    assertEquals(new GetACLResponse(ACLS, STAT), decoded);
  }

  @Test
  void getAclResponseWithNullVector() {
    GetACLResponse decoded =
        assertGolden(
            new GetACLResponse(null, STAT),
            new org.apache.zookeeper.proto.GetACLResponse(null, APACHE_STAT),
            GetACLResponse::readFrom);
    assertNull(decoded.acl());
  }

  @Test
  void checkWatchesRequest() {
    CheckWatchesRequest decoded =
        assertGolden(
            new CheckWatchesRequest(PATH, 3),
            new org.apache.zookeeper.proto.CheckWatchesRequest(PATH, 3),
            CheckWatchesRequest::readFrom);
    assertEquals(new CheckWatchesRequest(PATH, 3), decoded);
  }

  @Test
  void checkWatchesRequestWithNullPath() {
    CheckWatchesRequest decoded =
        assertGolden(
            new CheckWatchesRequest(null, -3),
            new org.apache.zookeeper.proto.CheckWatchesRequest(null, -3),
            CheckWatchesRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void removeWatchesRequest() {
    RemoveWatchesRequest decoded =
        assertGolden(
            new RemoveWatchesRequest(PATH, 2),
            new org.apache.zookeeper.proto.RemoveWatchesRequest(PATH, 2),
            RemoveWatchesRequest::readFrom);
    assertEquals(new RemoveWatchesRequest(PATH, 2), decoded);
  }

  @Test
  void removeWatchesRequestWithNullPath() {
    RemoveWatchesRequest decoded =
        assertGolden(
            new RemoveWatchesRequest(null, -5),
            new org.apache.zookeeper.proto.RemoveWatchesRequest(null, -5),
            RemoveWatchesRequest::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void getEphemeralsRequest() {
    GetEphemeralsRequest decoded =
        assertGolden(
            new GetEphemeralsRequest("/prefix/ö"),
            new org.apache.zookeeper.proto.GetEphemeralsRequest("/prefix/ö"),
            GetEphemeralsRequest::readFrom);
    assertEquals("/prefix/ö", decoded.prefixPath());
  }

  @Test
  void getEphemeralsRequestWithNullPrefix() {
    GetEphemeralsRequest decoded =
        assertGolden(
            new GetEphemeralsRequest(null),
            new org.apache.zookeeper.proto.GetEphemeralsRequest(null),
            GetEphemeralsRequest::readFrom);
    assertNull(decoded.prefixPath());
  }

  @Test
  void getEphemeralsResponse() {
    GetEphemeralsResponse decoded =
        assertGolden(
            new GetEphemeralsResponse(PATHS),
            new org.apache.zookeeper.proto.GetEphemeralsResponse(PATHS),
            GetEphemeralsResponse::readFrom);
    assertEquals(PATHS, decoded.ephemerals());
  }

  @Test
  void getEphemeralsResponseWithNullVector() {
    GetEphemeralsResponse decoded =
        assertGolden(
            new GetEphemeralsResponse(null),
            new org.apache.zookeeper.proto.GetEphemeralsResponse(null),
            GetEphemeralsResponse::readFrom);
    assertNull(decoded.ephemerals());
  }

  @Test
  void whoAmIResponse() {
    List<ClientInfo> infos =
        List.of(new ClientInfo("ip", "10.0.0.7"), new ClientInfo("sasl", "zk/höst@東京"));
    WhoAmIResponse decoded =
        assertGolden(
            new WhoAmIResponse(infos),
            new org.apache.zookeeper.proto.WhoAmIResponse(
                List.of(
                    new org.apache.zookeeper.data.ClientInfo("ip", "10.0.0.7"),
                    new org.apache.zookeeper.data.ClientInfo("sasl", "zk/höst@東京"))),
            WhoAmIResponse::readFrom);
    assertEquals(infos, decoded.clientInfo());
  }

  @Test
  void whoAmIResponseWithNullVector() {
    WhoAmIResponse decoded =
        assertGolden(
            new WhoAmIResponse(null),
            new org.apache.zookeeper.proto.WhoAmIResponse(null),
            WhoAmIResponse::readFrom);
    assertNull(decoded.clientInfo());
  }
}

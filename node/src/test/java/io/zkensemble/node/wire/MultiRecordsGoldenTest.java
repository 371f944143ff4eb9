package io.zkensemble.node.wire;

import static io.zkensemble.node.wire.GoldenBytes.assertGolden;
import static io.zkensemble.node.wire.WireFixtures.ACLS;
import static io.zkensemble.node.wire.WireFixtures.APACHE_ACLS;
import static io.zkensemble.node.wire.WireFixtures.APACHE_STAT;
import static io.zkensemble.node.wire.WireFixtures.DATA;
import static io.zkensemble.node.wire.WireFixtures.PATH;
import static io.zkensemble.node.wire.WireFixtures.STAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.proto.CheckVersionRequest;
import io.zkensemble.node.wire.proto.Create2Response;
import io.zkensemble.node.wire.proto.CreateRequest;
import io.zkensemble.node.wire.proto.CreateResponse;
import io.zkensemble.node.wire.proto.DeleteRequest;
import io.zkensemble.node.wire.proto.GetChildrenRequest;
import io.zkensemble.node.wire.proto.GetChildrenResponse;
import io.zkensemble.node.wire.proto.GetDataRequest;
import io.zkensemble.node.wire.proto.GetDataResponse;
import io.zkensemble.node.wire.proto.MultiRequest;
import io.zkensemble.node.wire.proto.MultiResponse;
import io.zkensemble.node.wire.proto.SetDataRequest;
import io.zkensemble.node.wire.proto.SetDataResponse;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.junit.jupiter.api.Test;

/** multi framing (MultiOperationRecord, MultiResponse) against Apache's own classes. */
class MultiRecordsGoldenTest {
  @Test
  void writeMulti() throws Exception {
    MultiRequest ours =
        new MultiRequest(
            List.of(
                new MultiRequest.Op(OpCode.CREATE, new CreateRequest(PATH, DATA, ACLS, 2)),
                new MultiRequest.Op(OpCode.CREATE2, new CreateRequest("/b", null, ACLS, 1)),
                new MultiRequest.Op(OpCode.DELETE, new DeleteRequest("/c", 4)),
                new MultiRequest.Op(OpCode.SET_DATA, new SetDataRequest("/d", DATA, -1)),
                new MultiRequest.Op(OpCode.CHECK, new CheckVersionRequest("/e", 7))));
    MultiOperationRecord apache =
        new MultiOperationRecord(
            List.of(
                Op.create(PATH, DATA, APACHE_ACLS, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.create(
                    "/b",
                    null,
                    CreateOptions.newBuilder(APACHE_ACLS, CreateMode.EPHEMERAL).build()),
                Op.delete("/c", 4),
                Op.setData("/d", DATA, -1),
                Op.check("/e", 7)));
    assertEquals(5, assertGolden(ours, apache, MultiRequest::readFrom).ops().size());
  }

  @Test
  void readMulti() throws Exception {
    MultiRequest ours =
        new MultiRequest(
            List.of(
                new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest(PATH, false)),
                new MultiRequest.Op(OpCode.GET_CHILDREN, new GetChildrenRequest("/x", false))));
    MultiOperationRecord apache =
        new MultiOperationRecord(List.of(Op.getData(PATH), Op.getChildren("/x")));
    assertEquals(true, assertGolden(ours, apache, MultiRequest::readFrom).isRead());
  }

  @Test
  void emptyMulti() throws Exception {
    assertGolden(
        new MultiRequest(List.of()), new MultiOperationRecord(List.of()), MultiRequest::readFrom);
  }

  @Test
  void mixedReadsAndWritesDoNotDecode() {
    Buffer bytes = Buffer.buffer();
    JuteOutput out = new JuteOutput(bytes);
    new MultiRequest(
            List.of(
                new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest("/a", false)),
                new MultiRequest.Op(OpCode.DELETE, new DeleteRequest("/a", -1))))
        .writeTo(out);
    assertThrows(JuteException.class, () -> MultiRequest.readFrom(new JuteInput(bytes)));
  }

  @Test
  void responses() {
    MultiResponse ours =
        new MultiResponse(
            List.of(
                new MultiResponse.Result(OpCode.CREATE, 0, new CreateResponse(PATH)),
                new MultiResponse.Result(OpCode.CREATE2, 0, new Create2Response("/b", STAT)),
                new MultiResponse.Result(OpCode.DELETE, 0, null),
                new MultiResponse.Result(OpCode.SET_DATA, 0, new SetDataResponse(STAT)),
                new MultiResponse.Result(OpCode.CHECK, 0, null),
                MultiResponse.Result.error(ErrorCode.NO_NODE),
                new MultiResponse.Result(
                    OpCode.GET_CHILDREN, 0, new GetChildrenResponse(List.of("a", "b"))),
                new MultiResponse.Result(OpCode.GET_DATA, 0, new GetDataResponse(DATA, STAT))));
    org.apache.zookeeper.MultiResponse apache = new org.apache.zookeeper.MultiResponse();
    apache.add(new OpResult.CreateResult(PATH));
    apache.add(new OpResult.CreateResult("/b", APACHE_STAT));
    apache.add(new OpResult.DeleteResult());
    apache.add(new OpResult.SetDataResult(APACHE_STAT));
    apache.add(new OpResult.CheckResult());
    apache.add(new OpResult.ErrorResult(ErrorCode.NO_NODE));
    apache.add(new OpResult.GetChildrenResult(List.of("a", "b")));
    apache.add(new OpResult.GetDataResult(DATA, APACHE_STAT));
    assertEquals(8, assertGolden(ours, apache, MultiResponse::readFrom).results().size());
  }
}

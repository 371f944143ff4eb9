package io.zkensemble.node.wire;

import static io.zkensemble.node.wire.GoldenBytes.apacheBytes;
import static io.zkensemble.node.wire.GoldenBytes.assertGolden;
import static io.zkensemble.node.wire.GoldenBytes.ourBytes;
import static io.zkensemble.node.wire.WireFixtures.ACLS;
import static io.zkensemble.node.wire.WireFixtures.APACHE_ACLS;
import static io.zkensemble.node.wire.WireFixtures.DATA;
import static io.zkensemble.node.wire.WireFixtures.PATH;
import static io.zkensemble.node.wire.WireFixtures.PATHS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.wire.txn.CheckVersionTxn;
import io.zkensemble.node.wire.txn.CloseSessionTxn;
import io.zkensemble.node.wire.txn.CreateContainerTxn;
import io.zkensemble.node.wire.txn.CreateSessionTxn;
import io.zkensemble.node.wire.txn.CreateTTLTxn;
import io.zkensemble.node.wire.txn.CreateTxn;
import io.zkensemble.node.wire.txn.CreateTxnV0;
import io.zkensemble.node.wire.txn.DeleteTxn;
import io.zkensemble.node.wire.txn.ErrorTxn;
import io.zkensemble.node.wire.txn.MultiTxn;
import io.zkensemble.node.wire.txn.SetACLTxn;
import io.zkensemble.node.wire.txn.SetDataTxn;
import io.zkensemble.node.wire.txn.SetMaxChildrenTxn;
import io.zkensemble.node.wire.txn.Txn;
import io.zkensemble.node.wire.txn.TxnDigest;
import io.zkensemble.node.wire.txn.TxnHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnRecordsGoldenTest {
  @Test
  void txnDigest() {
    TxnDigest decoded =
        assertGolden(
            new TxnDigest(2, 0xfedc_ba98_7654_3210L),
            new org.apache.zookeeper.txn.TxnDigest(2, 0xfedc_ba98_7654_3210L),
            TxnDigest::readFrom);
    assertEquals(new TxnDigest(2, 0xfedc_ba98_7654_3210L), decoded);
  }

  @Test
  void txnHeader() {
    TxnHeader ours =
        new TxnHeader(0x1234_5678_9abc_def0L, -7, 0x5_0000_0003L, 1_700_000_000_123L, OpCode.MULTI);
    TxnHeader decoded =
        assertGolden(
            ours,
            new org.apache.zookeeper.txn.TxnHeader(
                0x1234_5678_9abc_def0L, -7, 0x5_0000_0003L, 1_700_000_000_123L, OpCode.MULTI),
            TxnHeader::readFrom);
    assertEquals(ours, decoded);
  }

  @Test
  void createTxnV0() {
    CreateTxnV0 decoded =
        assertGolden(
            new CreateTxnV0(PATH, DATA, ACLS, true),
            new org.apache.zookeeper.txn.CreateTxnV0(PATH, DATA, APACHE_ACLS, true),
            CreateTxnV0::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(ACLS, decoded.acl());
    assertTrue(decoded.ephemeral());
  }

  @Test
  void createTxnV0WithNulls() {
    CreateTxnV0 decoded =
        assertGolden(
            new CreateTxnV0(null, null, null, false),
            new org.apache.zookeeper.txn.CreateTxnV0(null, null, null, false),
            CreateTxnV0::readFrom);
    assertNull(decoded.acl());
    assertNull(decoded.data());
  }

  @Test
  void createTxn() {
    CreateTxn decoded =
        assertGolden(
            new CreateTxn(PATH, DATA, ACLS, true, -4),
            new org.apache.zookeeper.txn.CreateTxn(PATH, DATA, APACHE_ACLS, true, -4),
            CreateTxn::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(ACLS, decoded.acl());
    assertEquals(-4, decoded.parentCVersion());
  }

  @Test
  void createTxnWithNulls() {
    CreateTxn decoded =
        assertGolden(
            new CreateTxn(null, null, null, false, 8),
            new org.apache.zookeeper.txn.CreateTxn(null, null, null, false, 8),
            CreateTxn::readFrom);
    assertNull(decoded.path());
    assertNull(decoded.acl());
  }

  @Test
  void createTtlTxn() {
    CreateTTLTxn decoded =
        assertGolden(
            new CreateTTLTxn(PATH, DATA, ACLS, 11, 1L << 40),
            new org.apache.zookeeper.txn.CreateTTLTxn(PATH, DATA, APACHE_ACLS, 11, 1L << 40),
            CreateTTLTxn::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(1L << 40, decoded.ttl());
  }

  @Test
  void createTtlTxnWithNulls() {
    CreateTTLTxn decoded =
        assertGolden(
            new CreateTTLTxn(null, null, null, -1, -1),
            new org.apache.zookeeper.txn.CreateTTLTxn(null, null, null, -1, -1),
            CreateTTLTxn::readFrom);
    assertNull(decoded.data());
  }

  @Test
  void createContainerTxn() {
    CreateContainerTxn decoded =
        assertGolden(
            new CreateContainerTxn(PATH, DATA, ACLS, 12),
            new org.apache.zookeeper.txn.CreateContainerTxn(PATH, DATA, APACHE_ACLS, 12),
            CreateContainerTxn::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(ACLS, decoded.acl());
  }

  @Test
  void createContainerTxnWithNulls() {
    CreateContainerTxn decoded =
        assertGolden(
            new CreateContainerTxn(null, null, null, 0),
            new org.apache.zookeeper.txn.CreateContainerTxn(null, null, null, 0),
            CreateContainerTxn::readFrom);
    assertNull(decoded.acl());
  }

  @Test
  void deleteTxn() {
    DeleteTxn decoded =
        assertGolden(
            new DeleteTxn(PATH), new org.apache.zookeeper.txn.DeleteTxn(PATH), DeleteTxn::readFrom);
    assertEquals(PATH, decoded.path());
  }

  @Test
  void deleteTxnWithNullPath() {
    DeleteTxn decoded =
        assertGolden(
            new DeleteTxn(null), new org.apache.zookeeper.txn.DeleteTxn(null), DeleteTxn::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void setDataTxn() {
    SetDataTxn decoded =
        assertGolden(
            new SetDataTxn(PATH, DATA, 13),
            new org.apache.zookeeper.txn.SetDataTxn(PATH, DATA, 13),
            SetDataTxn::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(13, decoded.version());
  }

  @Test
  void setDataTxnWithNulls() {
    SetDataTxn decoded =
        assertGolden(
            new SetDataTxn(null, null, -13),
            new org.apache.zookeeper.txn.SetDataTxn(null, null, -13),
            SetDataTxn::readFrom);
    assertNull(decoded.data());
  }

  @Test
  void checkVersionTxn() {
    CheckVersionTxn decoded =
        assertGolden(
            new CheckVersionTxn(PATH, -14),
            new org.apache.zookeeper.txn.CheckVersionTxn(PATH, -14),
            CheckVersionTxn::readFrom);
    assertEquals(new CheckVersionTxn(PATH, -14), decoded);
  }

  @Test
  void checkVersionTxnWithNullPath() {
    CheckVersionTxn decoded =
        assertGolden(
            new CheckVersionTxn(null, 14),
            new org.apache.zookeeper.txn.CheckVersionTxn(null, 14),
            CheckVersionTxn::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void setAclTxn() {
    SetACLTxn decoded =
        assertGolden(
            new SetACLTxn(PATH, ACLS, 15),
            new org.apache.zookeeper.txn.SetACLTxn(PATH, APACHE_ACLS, 15),
            SetACLTxn::readFrom);
    assertEquals(new SetACLTxn(PATH, ACLS, 15), decoded);
  }

  @Test
  void setAclTxnWithNulls() {
    SetACLTxn decoded =
        assertGolden(
            new SetACLTxn(null, null, -15),
            new org.apache.zookeeper.txn.SetACLTxn(null, null, -15),
            SetACLTxn::readFrom);
    assertNull(decoded.acl());
  }

  @Test
  void setMaxChildrenTxn() {
    SetMaxChildrenTxn decoded =
        assertGolden(
            new SetMaxChildrenTxn(PATH, 16),
            new org.apache.zookeeper.txn.SetMaxChildrenTxn(PATH, 16),
            SetMaxChildrenTxn::readFrom);
    assertEquals(new SetMaxChildrenTxn(PATH, 16), decoded);
  }

  @Test
  void setMaxChildrenTxnWithNullPath() {
    SetMaxChildrenTxn decoded =
        assertGolden(
            new SetMaxChildrenTxn(null, -16),
            new org.apache.zookeeper.txn.SetMaxChildrenTxn(null, -16),
            SetMaxChildrenTxn::readFrom);
    assertNull(decoded.path());
  }

  @Test
  void createSessionTxn() {
    CreateSessionTxn decoded =
        assertGolden(
            new CreateSessionTxn(-30_000),
            new org.apache.zookeeper.txn.CreateSessionTxn(-30_000),
            CreateSessionTxn::readFrom);
    assertEquals(-30_000, decoded.timeOut());
  }

  @Test
  void closeSessionTxn() {
    CloseSessionTxn decoded =
        assertGolden(
            new CloseSessionTxn(PATHS),
            new org.apache.zookeeper.txn.CloseSessionTxn(PATHS),
            CloseSessionTxn::readFrom);
    assertEquals(PATHS, decoded.paths2Delete());
  }

  @Test
  void closeSessionTxnWithNullVector() {
    CloseSessionTxn decoded =
        assertGolden(
            new CloseSessionTxn(null),
            new org.apache.zookeeper.txn.CloseSessionTxn(null),
            CloseSessionTxn::readFrom);
    assertNull(decoded.paths2Delete());
  }

  @Test
  void errorTxn() {
    ErrorTxn decoded =
        assertGolden(
            new ErrorTxn(ErrorCode.NODE_EXISTS),
            new org.apache.zookeeper.txn.ErrorTxn(ErrorCode.NODE_EXISTS),
            ErrorTxn::readFrom);
    assertEquals(ErrorCode.NODE_EXISTS, decoded.err());
  }

  @Test
  void txn() {
    Txn decoded =
        assertGolden(
            new Txn(OpCode.SET_DATA, DATA),
            new org.apache.zookeeper.txn.Txn(OpCode.SET_DATA, DATA),
            Txn::readFrom);
    assertArrayEquals(DATA, decoded.data());
    assertEquals(OpCode.SET_DATA, decoded.type());
  }

  @Test
  void txnWithNullData() {
    Txn decoded =
        assertGolden(
            new Txn(OpCode.ERROR, null),
            new org.apache.zookeeper.txn.Txn(OpCode.ERROR, null),
            Txn::readFrom);
    assertNull(decoded.data());
  }

  @Test
  void multiTxnCarriesSerializedSubTxns() {
    byte[] create = ourBytes(new CreateTxn(PATH, DATA, ACLS, false, 3));
    assertArrayEquals(
        apacheBytes(new org.apache.zookeeper.txn.CreateTxn(PATH, DATA, APACHE_ACLS, false, 3)),
        create);
    byte[] error = ourBytes(new ErrorTxn(ErrorCode.BAD_VERSION));
    MultiTxn decoded =
        assertGolden(
            new MultiTxn(List.of(new Txn(OpCode.CREATE, create), new Txn(OpCode.ERROR, error))),
            new org.apache.zookeeper.txn.MultiTxn(
                List.of(
                    new org.apache.zookeeper.txn.Txn(OpCode.CREATE, create),
                    new org.apache.zookeeper.txn.Txn(OpCode.ERROR, error))),
            MultiTxn::readFrom);
    assertEquals(2, decoded.txns().size());
    assertEquals(OpCode.ERROR, decoded.txns().get(1).type());
    CreateTxn sub = CreateTxn.readFrom(new JuteInput(Buffer.buffer(decoded.txns().get(0).data())));
    assertEquals(PATH, sub.path());
    assertFalse(sub.ephemeral());
  }

  @Test
  void multiTxnWithNullVector() {
    MultiTxn decoded =
        assertGolden(
            new MultiTxn(null), new org.apache.zookeeper.txn.MultiTxn(null), MultiTxn::readFrom);
    assertNull(decoded.txns());
  }
}

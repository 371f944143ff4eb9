package io.zkensemble.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.zkensemble.node.ZkNode;
import io.zkensemble.node.config.ZooCfg;
import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.testing.TestNode;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery from what a crash or a bad disk leaves: a torn last record is cut off and never applied;
 * a corrupt snapshot falls back to the one before; corruption in the middle of the log, logs
 * without any snapshot, or snapshots none of which loads, stop start-up with a message instead of
 * losing data silently.
 */
class RecoveryTest {
  private final Path dataDir = TestFiles.tempDir("recovery");
  private final Path version2 = dataDir.resolve("version-2");

  @AfterEach
  void deleteDataDir() {
    TestFiles.deleteRecursively(dataDir);
  }

  /** Writes /n0../n{count-1} and stops the node. */
  private void writeNodes(int from, int count) throws Exception {
    TestNode node = TestNode.startIn(dataDir);
    try (ZooKeeper zk = Clients.connect(node)) {
      for (int i = from; i < from + count; i++) {
        zk.create(
            "/n" + i, ("v" + i).getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
    } finally {
      node.stop();
    }
  }

  private void assertNodes(int count) throws Exception {
    TestNode node = TestNode.startIn(dataDir);
    try (ZooKeeper zk = Clients.connect(node)) {
      for (int i = 0; i < count; i++) {
        assertEquals("v" + i, new String(zk.getData("/n" + i, false, null)), "/n" + i);
      }
      assertNull(zk.exists("/n" + count, false));
    } finally {
      node.stop();
    }
  }

  @Test
  void aTornLastRecordIsCutOffAndNeverApplied() throws Exception {
    writeNodes(0, 10);
    Path log = lastLog();
    long end = endOfRecords(log);
    // A record that a crash cut short: a plausible header, half its bytes, then nothing.
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ByteBuffer torn = ByteBuffer.allocate(40).putLong(0x1234_5678L).putInt(200);
      for (int i = 0; i < 28; i++) {
        torn.put((byte) (i + 1));
      }
      torn.flip();
      channel.write(torn, end);
    }
    assertNodes(10);
    assertEquals(end, Files.size(log), "the torn record was cut off the log");
  }

  @Test
  void aCorruptNewestSnapshotFallsBackToTheOneBefore() throws Exception {
    writeNodes(0, 10);
    writeNodes(10, 10);
    List<Path> snapshots = DataFiles.snapshots(version2);
    assertEquals(2, snapshots.size(), "one per start: " + snapshots);
    flipByteInTheMiddle(snapshots.get(0));
    assertNodes(20);
  }

  @Test
  void corruptionInTheMiddleOfTheLogStopsStartUp() throws Exception {
    writeNodes(0, 20);
    Path log = lastLog();
    flipByte(log, LogRecords.FILE_HEADER_SIZE + 30);
    // The start-up snapshots hold everything already: remove them to make the log matter.
    for (Path snapshot : DataFiles.snapshots(version2)) {
      if (DataFiles.snapshotZxid(snapshot) > 0) {
        Files.delete(snapshot);
      }
    }
    StorageException failure = startFailure();
    assertTrue(failure.getMessage().contains(log.getFileName().toString()), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("offset " + LogRecords.FILE_HEADER_SIZE),
        failure.getMessage());
  }

  @Test
  void logsWithoutAnySnapshotStopStartUp() throws Exception {
    writeNodes(0, 3);
    for (Path snapshot : DataFiles.snapshots(version2)) {
      Files.delete(snapshot);
    }
    StorageException failure = startFailure();
    assertTrue(failure.getMessage().contains("no usable snapshot"), failure.getMessage());
  }

  /** Apache's FileSnap refuses this too: an empty tree would silently replace their data. */
  @Test
  void snapshotsNoneOfWhichLoadsStopStartUp() throws Exception {
    writeNodes(0, 3);
    writeNodes(3, 3);
    for (Path log : DataFiles.logs(version2)) {
      Files.delete(log);
    }
    for (Path snapshot : DataFiles.snapshots(version2)) {
      flipByteInTheMiddle(snapshot);
    }
    StorageException failure = startFailure();
    assertTrue(failure.getMessage().contains("none of the 2 snapshots"), failure.getMessage());
  }

  @Test
  void aHalfWrittenSnapshotIsNeverTakenForOne() throws Exception {
    writeNodes(0, 5);
    Path newest = DataFiles.snapshots(version2).get(0);
    // A crash while a snapshot is written leaves only the .tmp file: never loaded, deleted.
    Path unfinished = version2.resolve("snapshot.ffff.snappy.tmp");
    Files.write(unfinished, new byte[] {1, 2, 3});
    Files.copy(newest, version2.resolve("snapshot.fffe"));
    try (FileChannel channel =
        FileChannel.open(version2.resolve("snapshot.fffe"), StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() / 2);
    }
    assertNodes(5);
    assertFalse(Files.exists(unfinished), "unfinished snapshot left behind");
  }

  private StorageException startFailure() throws Exception {
    Properties cfg = new Properties();
    cfg.load(
        new StringReader("dataDir=" + dataDir + "\nclientPort=0\nclientPortAddress=127.0.0.1\n"));
    Vertx vertx = Vertx.vertx();
    try {
      ExecutionException failed =
          assertThrows(
              ExecutionException.class,
              () ->
                  ZkNode.start(vertx, ZooCfg.parse(cfg))
                      .toCompletionStage()
                      .toCompletableFuture()
                      .get(30, TimeUnit.SECONDS));
      return assertInstanceOf(StorageException.class, failed.getCause());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private Path lastLog() {
    List<Path> logs = DataFiles.logs(version2);
    assertNotNull(logs);
    return logs.get(logs.size() - 1);
  }

  /** Where the last valid record of {@code log} ends (the preallocated zeros begin). */
  private static long endOfRecords(Path log) throws Exception {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(log));
    int offset = LogRecords.FILE_HEADER_SIZE;
    while (bytes.getInt(offset + 8) != 0) {
      offset += LogRecords.recordSize(bytes.getInt(offset + 8));
    }
    return offset;
  }

  private static void flipByteInTheMiddle(Path file) throws Exception {
    flipByte(file, Files.size(file) / 2);
  }

  private static void flipByte(Path file, long position) throws Exception {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x5a));
      one.rewind();
      channel.write(one, position);
    }
  }
}

package io.zkensemble.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkensemble.node.testing.Clients;
import io.zkensemble.node.testing.TestFiles;
import io.zkensemble.node.testing.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the disk fails (an I/O error, a full file system), the node logs the cause, answers writes
 * with SystemError instead of leaving clients waiting, keeps serving reads, and leaves a log that
 * recovery reads correctly: after a restart every acknowledged write is there and no refused one.
 */
class StorageFaultTest {
  private final Path dataDir = TestFiles.tempDir("faults");

  @AfterEach
  void deleteDataDir() {
    TestFiles.deleteRecursively(dataDir);
  }

  @Test
  void aFailingForceRefusesWritesButKeepsServingReads() throws Exception {
    AtomicBoolean broken = new AtomicBoolean();
    TestNode node = TestNode.startIn(dataDir, FailingChannel.forLogs(broken));
    try (ZooKeeper zk = Clients.connect(node)) {
      zk.create("/before", "kept".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      broken.set(true);
      KeeperException refused =
          assertThrows(
              KeeperException.class,
              () -> zk.create("/lost", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
      assertEquals(KeeperException.Code.SYSTEMERROR, refused.code());
      broken.set(false);
      assertEquals(
          KeeperException.Code.SYSTEMERROR,
          assertThrows(KeeperException.class, () -> zk.setData("/before", null, -1)).code(),
          "once the log failed, writes stay refused until a restart");
      assertArrayEquals("kept".getBytes(), zk.getData("/before", false, null), "reads go on");
    } finally {
      node.stop();
    }
    TestNode restarted = TestNode.startIn(dataDir);
    try (ZooKeeper zk = Clients.connect(restarted)) {
      assertArrayEquals("kept".getBytes(), zk.getData("/before", false, null));
      assertNull(zk.exists("/lost", false), "the refused write was cut out of the log");
      zk.create("/after", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    } finally {
      restarted.stop();
    }
  }

  /**
   * A real full disk: the data directory on a 2 MiB tmpfs (needs root to mount it). Writes fill it
   * up until one fails; every write acknowledged before is there after a restart from a copy of the
   * directory on a roomy disk.
   */
  @Test
  void aFullFileSystemRefusesWritesAndLosesNoAcknowledgedOne() throws Exception {
    Path mount = TestFiles.tempDir("tmpfs");
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()),
        "needs root to mount a tmpfs");
    List<String> acknowledged = new ArrayList<>();
    try {
      TestNode node = TestNode.startIn(mount, "preAllocSize=64");
      try (ZooKeeper zk = Clients.connect(node)) {
        byte[] data = new byte[16 * 1024];
        KeeperException refused = null;
        for (int i = 0; refused == null && i < 1000; i++) {
          try {
            zk.create("/n" + i, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            acknowledged.add("/n" + i);
          } catch (KeeperException e) {
            refused = e;
          }
        }
        assertEquals(KeeperException.Code.SYSTEMERROR, refused == null ? null : refused.code());
        assertEquals(acknowledged.size(), zk.getAllChildrenNumber("/") - 3, "reads still served");
      } finally {
        node.stop();
      }
      copyTree(mount, dataDir);
    } finally {
      run("umount", mount.toString());
      TestFiles.deleteRecursively(mount);
    }
    TestNode restarted = TestNode.startIn(dataDir);
    try (ZooKeeper zk = Clients.connect(restarted)) {
      for (String path : acknowledged) {
        assertEquals(16 * 1024, zk.exists(path, false).getDataLength(), path);
      }
      assertNull(zk.exists("/n" + acknowledged.size(), false), "the refused write is not there");
    } finally {
      restarted.stop();
    }
  }

  private static boolean run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return process.waitFor(Clients.WAIT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}

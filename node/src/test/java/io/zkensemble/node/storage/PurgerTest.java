package io.zkensemble.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkensemble.node.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PurgerTest {
  private final Path dir = TestFiles.tempDir("purge");

  @AfterEach
  void delete() {
    TestFiles.deleteRecursively(dir);
  }

  @Test
  void keepsTheNewestSnapshotsAndTheLogsReplayNeedsAfterThem() throws IOException {
    for (String name :
        List.of(
            "snapshot.0",
            "snapshot.64",
            "snapshot.c8",
            "snapshot.12c",
            "snapshot.190",
            "log.1",
            "log.65",
            "log.c0",
            "log.c9",
            "log.12d",
            "log.191",
            "snapshot.190.tmp",
            "myid-not-ours")) {
      Files.write(dir.resolve(name), new byte[] {1});
    }
    Purger.purge(dir, dir, 3);
    // Kept snapshots: 0x190, 0x12c, 0xc8. The last log starting at or before 0xc8 is log.c0.
    assertEquals(
        List.of(
            "log.12d",
            "log.191",
            "log.c0",
            "log.c9",
            "myid-not-ours",
            "snapshot.12c",
            "snapshot.190",
            "snapshot.190.tmp",
            "snapshot.c8"),
        names());
  }

  @Test
  void nothingGoesWhileThereAreNoMoreSnapshotsThanToKeep() throws IOException {
    for (String name : List.of("snapshot.0", "snapshot.5", "log.1", "log.6")) {
      Files.write(dir.resolve(name), new byte[] {1});
    }
    Purger.purge(dir, dir, 3);
    assertEquals(List.of("log.1", "log.6", "snapshot.0", "snapshot.5"), names());
  }

  @Test
  void epochFilesAreWrittenAndReadAsApacheDoes() throws IOException {
    EpochFiles epochs = new EpochFiles(dir);
    assertEquals(-1, epochs.read(EpochFiles.CURRENT_EPOCH));
    epochs.write(EpochFiles.ACCEPTED_EPOCH, 7);
    epochs.write(EpochFiles.ACCEPTED_EPOCH, 8);
    assertEquals(8, epochs.read(EpochFiles.ACCEPTED_EPOCH));
    assertEquals("8", Files.readString(dir.resolve("acceptedEpoch")), "decimal text, no newline");
    Files.writeString(dir.resolve("currentEpoch"), "garbage");
    assertThrows(IOException.class, () -> epochs.read(EpochFiles.CURRENT_EPOCH));
    assertEquals(List.of("acceptedEpoch", "currentEpoch"), names());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

package io.logtojee.mail.config;

import static io.logtojee.mail.MailFixtures.validConfigJsonWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logtojee.mail.LogCapture;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.MailFixtures;
import io.logtojee.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMailConfigStoreTest extends MailConfigStoreContract {

  @TempDir Path dir;

  @Override
  protected MailConfigStore storeHolding(String json) throws IOException {
    Path file = dir.resolve("contract.json");
    if (json != null) {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    }
    return new FileMailConfigStore(file, LOADER);
  }

  private Path configFile(String json) throws IOException {
    Path file = dir.resolve("mail.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  private Path validFile() throws IOException {
    return configFile(MailFixtures.resource("config-valid.json"));
  }

  private List<Path> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void validFileIsActiveWithAQuotedEtag() throws IOException {
    FileMailConfigStore store = new FileMailConfigStore(validFile(), LOADER);
    MailConfigSnapshot snapshot = store.snapshot();
    assertTrue(snapshot.available());
    assertEquals("test-key-id", snapshot.config().accessKeyId());
    assertTrue(snapshot.etag().matches("\"[A-Za-z0-9_-]{43}\""), snapshot.etag());
  }

  @Test
  void missingFileDisablesMailWithAReason() {
    FileMailConfigStore store = new FileMailConfigStore(dir.resolve("absent.json"), LOADER);
    MailConfigSnapshot snapshot = store.snapshot();
    assertFalse(snapshot.available());
    assertEquals("mail configuration file not found", snapshot.problem());
  }

  @Test
  void invalidFileDisablesMailAndLogsEveryViolation() throws IOException {
    Path file =
        configFile(
            validConfigJsonWith(c -> c.put("regionId", "mars-1").put("fromAlias", "x".repeat(16))));
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailConfigSnapshot snapshot = new FileMailConfigStore(file, LOADER).snapshot();
      assertFalse(snapshot.available());
      assertEquals("mail configuration is invalid", snapshot.problem());
      assertEquals(2, snapshot.violations().size());
      for (ConfigViolation violation : snapshot.violations()) {
        assertTrue(logs.text().contains(violation.toString()), logs.text());
      }
      assertFalse(logs.text().contains("test-key-secret"));
    }
  }

  @Test
  void truncatedFileDisablesMail() throws IOException {
    Path file = configFile(MailFixtures.resource("config-truncated.json"));
    MailConfigSnapshot snapshot = new FileMailConfigStore(file, LOADER).snapshot();
    assertFalse(snapshot.available());
    assertEquals("json", snapshot.violations().get(0).key());
  }

  @Test
  void replaceWritesTheNewConfigOwnerOnlyAndLeavesNoTempFile() throws IOException {
    Path file = validFile();
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    String oldEtag = store.snapshot().etag();

    MailConfigSnapshot after =
        store.replace(candidate(validConfigJsonWith(c -> c.put("fromAlias", "New"))), oldEtag);

    assertEquals("New", after.config().fromAlias());
    assertNotEquals(oldEtag, after.etag());
    assertEquals("New", LOADER.load(file).fromAlias());
    assertEquals(List.of(file), filesInDir());
    assertEquals(after.etag(), new FileMailConfigStore(file, LOADER).snapshot().etag());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  @Test
  void replaceWithoutIfMatchIsRefusedAndChangesNothing() throws IOException {
    Path file = validFile();
    byte[] before = Files.readAllBytes(file);
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    MailException e =
        assertThrows(
            MailException.class,
            () -> store.replace(candidate(MailFixtures.resource("config-valid.json")), null));
    assertEquals(MailErrorCode.CONFIG_PRECONDITION_REQUIRED, e.code());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void replaceWithAStaleEtagIsRefusedAndChangesNothing() throws IOException {
    Path file = validFile();
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    String etag = store.snapshot().etag();
    store.replace(candidate(validConfigJsonWith(c -> c.put("fromAlias", "First"))), etag);
    byte[] afterFirst = Files.readAllBytes(file);

    MailException e =
        assertThrows(
            MailException.class,
            () ->
                store.replace(
                    candidate(validConfigJsonWith(c -> c.put("fromAlias", "Second"))), etag));

    assertEquals(MailErrorCode.CONFIG_PRECONDITION_FAILED, e.code());
    assertArrayEquals(afterFirst, Files.readAllBytes(file));
    assertEquals("First", store.snapshot().config().fromAlias());
  }

  @Test
  void twoConcurrentReplacesWithTheSameEtagLetExactlyOneWin() throws Exception {
    Path file = validFile();
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    String etag = store.snapshot().etag();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (String alias : List.of("Alpha", "Beta")) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    store.replace(
                        candidate(validConfigJsonWith(c -> c.put("fromAlias", alias))), etag);
                    return "ok:" + alias;
                  } catch (MailException e) {
                    return e.code().name();
                  }
                }));
      }
      start.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> result : results) {
        outcomes.add(result.get());
      }
      assertEquals(
          1, outcomes.stream().filter(o -> o.startsWith("ok:")).count(), outcomes.toString());
      assertTrue(outcomes.contains("CONFIG_PRECONDITION_FAILED"), outcomes.toString());
      String winner =
          outcomes.stream().filter(o -> o.startsWith("ok:")).findFirst().orElseThrow().substring(3);
      assertEquals(winner, LOADER.load(file).fromAlias());
      assertEquals(winner, store.snapshot().config().fromAlias());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOmittedSecretKeepsTheStoredOne() throws IOException {
    Path file = validFile();
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    store.replace(
        candidate(
            validConfigJsonWith(
                c -> {
                  c.remove("accessKeySecret");
                  c.put("fromAlias", "Kept");
                })),
        store.snapshot().etag());
    assertEquals("test-key-secret", store.snapshot().config().accessKeySecret());
    assertEquals("test-key-secret", LOADER.load(file).accessKeySecret());
  }

  @Test
  void aBlankSecretIsRefusedAndTheOldConfigStays() throws IOException {
    Path file = validFile();
    byte[] before = Files.readAllBytes(file);
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    InvalidMailConfigException e =
        assertThrows(
            InvalidMailConfigException.class,
            () ->
                store.replace(
                    candidate(validConfigJsonWith(c -> c.put("accessKeySecret", ""))),
                    store.snapshot().etag()));
    assertEquals(
        List.of(new ConfigViolation("accessKeySecret", "must not be blank")), e.violations());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertTrue(store.snapshot().available());
  }

  @Test
  void aForeignEndpointIsRefused() throws IOException {
    FileMailConfigStore store = new FileMailConfigStore(validFile(), LOADER);
    InvalidMailConfigException e =
        assertThrows(
            InvalidMailConfigException.class,
            () ->
                store.replace(
                    candidate(
                        validConfigJsonWith(
                            c -> c.put("endpoint", "https://collector.evil.test/"))),
                    store.snapshot().etag()));
    assertEquals("endpoint", e.violations().get(0).key());
    assertEquals("https://dm.aliyuncs.com/", store.snapshot().config().apiEndpoint().toString());
  }

  @Test
  void aFailureBeforeTheMoveLeavesTheOldFileWholeAndNoTempFile() throws IOException {
    Path file = validFile();
    byte[] before = Files.readAllBytes(file);
    AtomicFileWriter failing =
        new AtomicFileWriter(
            (source, target) -> {
              assertTrue(Files.exists(source), "the temp file is complete before the move");
              throw new IOException("disk full (simulated)");
            });
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER, failing);

    MailException e =
        assertThrows(
            MailException.class,
            () ->
                store.replace(
                    candidate(validConfigJsonWith(c -> c.put("fromAlias", "Lost"))),
                    store.snapshot().etag()));

    assertEquals(MailErrorCode.CONFIG_WRITE_FAILED, e.code());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), filesInDir());
    assertEquals("Example", store.snapshot().config().fromAlias());
  }

  @Test
  void aFileSystemWithoutAtomicMoveRefusesTheWrite() throws IOException {
    Path file = validFile();
    byte[] before = Files.readAllBytes(file);
    AtomicFileWriter noAtomicMove =
        new AtomicFileWriter(
            (source, target) -> {
              throw new AtomicMoveNotSupportedException(
                  source.toString(), target.toString(), "simulated");
            });
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER, noAtomicMove);

    MailException e =
        assertThrows(
            MailException.class,
            () ->
                store.replace(
                    candidate(validConfigJsonWith(c -> c.put("fromAlias", "Lost"))),
                    store.snapshot().etag()));

    assertEquals(MailErrorCode.CONFIG_WRITE_FAILED, e.code());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), filesInDir());
  }

  @Test
  void aMissingFileCanBeCreatedWithItsEtagButNotWithStar() {
    Path file = dir.resolve("new.json");
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    AliyunDmConfig config = candidate(MailFixtures.resource("config-valid.json"));

    MailException star = assertThrows(MailException.class, () -> store.replace(config, "*"));
    assertEquals(MailErrorCode.CONFIG_PRECONDITION_FAILED, star.code());

    MailConfigSnapshot created = store.replace(config, store.snapshot().etag());
    assertTrue(created.available());
    assertTrue(Files.exists(file));
    assertTrue(store.replace(config, "*").available(), "* matches once the file exists");
  }

  @Test
  void fixingAnInvalidFileKeepsItsSecret() throws IOException {
    Path file = configFile(validConfigJsonWith(c -> c.put("regionId", "mars-1")));
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    assertFalse(store.snapshot().available());

    store.replace(
        candidate(validConfigJsonWith(c -> c.remove("accessKeySecret"))), store.snapshot().etag());

    assertTrue(store.snapshot().available());
    assertEquals("test-key-secret", store.snapshot().config().accessKeySecret());
  }

  @Test
  void reloadPicksUpAManualEdit() throws IOException {
    Path file = validFile();
    FileMailConfigStore store = new FileMailConfigStore(file, LOADER);
    Files.writeString(file, validConfigJsonWith(c -> c.put("fromAlias", "Edited")));
    assertEquals("Edited", store.reload().config().fromAlias());
  }

  @Test
  void aFileReadableByOthersIsWarnedAbout() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path file = validFile();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (LogCapture logs = LogCapture.mailLogs()) {
      new FileMailConfigStore(file, LOADER);
      assertTrue(logs.text().contains("chmod 600"), logs.text());
    }
  }

  @Test
  void replaceLogsChangedFieldNamesButNoValues() throws IOException {
    FileMailConfigStore store = new FileMailConfigStore(validFile(), LOADER);
    try (LogCapture logs = LogCapture.mailLogs()) {
      store.replace(
          candidate(validConfigJsonWith(c -> c.put("accessKeySecret", "rotated-secret-value"))),
          store.snapshot().etag());
      assertTrue(logs.text().contains("changed: [accessKeySecret]"), logs.text());
      assertFalse(logs.text().contains("rotated-secret-value"));
    }
  }
}

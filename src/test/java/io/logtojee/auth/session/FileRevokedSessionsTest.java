package io.logtojee.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.testsupport.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A logout recorded on one run is still known after a restart (issue 8 item 2). */
class FileRevokedSessionsTest {

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingNow();

  private FileRevokedSessions open(Path file) {
    return new FileRevokedSessions(new InMemoryRevokedSessions(Duration.ofHours(12), clock), file);
  }

  @Test
  void aLogoutSurvivesARestart() {
    Path file = dir.resolve("revoked-sessions.txt");
    Instant signedIn = clock.instant();
    open(file).revoke(new LogoutRequest("user with spaces", "sid-a", clock.instant(), "j1"));
    open(file).revoke(new LogoutRequest("bob", null, clock.instant(), "j2"));

    FileRevokedSessions restarted = open(file);

    assertTrue(restarted.isRevoked("user with spaces", "sid-a", signedIn));
    assertTrue(restarted.isRevoked("bob", null, signedIn));
    assertFalse(restarted.isRevoked("carol", "sid-c", signedIn));
  }

  @Test
  void theFileIsReadableByItsOwnerOnly() throws IOException {
    Path file = dir.resolve("revoked-sessions.txt");
    open(file).revoke(new LogoutRequest("alice", "sid-a", clock.instant(), "j1"));

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void entriesPastTheRetentionAreNotKept() throws IOException {
    Path file = dir.resolve("revoked-sessions.txt");
    open(file).revoke(new LogoutRequest("alice", "sid-a", clock.instant(), "j1"));
    clock.advance(Duration.ofHours(13));
    open(file).revoke(new LogoutRequest("bob", "sid-b", clock.instant(), "j2"));

    assertFalse(Files.readString(file).contains("sid-a"));
    assertEquals(1, Files.readAllLines(file).size());
  }

  @Test
  void aLogoutThatCannotBeWrittenIsNotAcknowledged() throws IOException {
    Path file = dir.resolve("missing-directory").resolve("revoked-sessions.txt");
    FileRevokedSessions store = open(file);

    assertThrows(
        UncheckedIOException.class,
        () -> store.revoke(new LogoutRequest("alice", "sid-a", clock.instant(), "j1")));
  }
}

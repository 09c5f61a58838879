package io.logtojee.auth.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Logouts remembered so that every node refuses sessions Logto has ended. */
class InMemoryRevokedSessionsTest {

  private final MutableClock clock = MutableClock.startingNow();
  private final InMemoryRevokedSessions revoked =
      new InMemoryRevokedSessions(Duration.ofHours(12), clock);

  @Test
  void aRevokedSidEndsEverySessionOfThatLogtoSession() {
    Instant signedIn = clock.instant();
    revoked.revoke(new LogoutRequest("alice", "sid-a", clock.instant(), "j1"));

    assertTrue(revoked.isRevoked("alice", "sid-a", signedIn));
    assertFalse(revoked.isRevoked("alice", "sid-b", signedIn), "only that Logto session");
    assertFalse(revoked.isRevoked("alice", null, signedIn));
  }

  @Test
  void aSubjectOnlyLogoutEndsSessionsSignedInUpToIt() {
    Instant logout = clock.instant();
    revoked.revoke(new LogoutRequest("alice", null, logout, "j1"));

    assertTrue(revoked.isRevoked("alice", "sid-a", logout.minusSeconds(60)));
    assertTrue(revoked.isRevoked("alice", null, logout));
    assertFalse(revoked.isRevoked("alice", "sid-new", logout.plusSeconds(1)), "signed in later");
    assertFalse(revoked.isRevoked("bob", null, logout.minusSeconds(60)));
  }

  @Test
  void entriesAreDroppedAfterTheRetention() {
    Instant signedIn = clock.instant();
    revoked.revoke(new LogoutRequest(null, "sid-a", clock.instant(), "j1"));

    clock.advance(Duration.ofHours(13));
    revoked.revoke(new LogoutRequest(null, "sid-z", clock.instant(), "j2"));

    assertFalse(revoked.isRevoked("alice", "sid-a", signedIn));
    assertTrue(revoked.isRevoked("alice", "sid-z", signedIn));
  }

  @Test
  void aSignInAMillisecondAfterTheLogoutArrivedStaysSignedIn() {
    Instant arrived = clock.instant();
    revoked.revoke(new LogoutRequest("alice", null, arrived, "j1"));

    assertFalse(revoked.isRevoked("alice", null, arrived.plusMillis(1)), "same second, later");
    assertTrue(revoked.isRevoked("alice", null, arrived.minusMillis(1)), "existed then");
  }

  @Test
  void logtosClockAheadOfOursChangesNothing() {
    Instant arrived = clock.instant();
    Instant logtosIat = arrived.plusSeconds(5);
    revoked.revoke(new LogoutRequest("alice", null, logtosIat, "j1"));

    assertFalse(revoked.isRevoked("alice", null, arrived.plusMillis(1)), "began after arrival");
    assertFalse(revoked.isRevoked("alice", null, arrived.plusSeconds(3)), "before Logto's iat");
    assertTrue(revoked.isRevoked("alice", null, arrived.minusMillis(1)));
  }

  @Test
  void logtosClockBehindOursChangesNothing() {
    Instant arrived = clock.instant();
    revoked.revoke(new LogoutRequest("alice", null, arrived.minusSeconds(5), "j1"));

    assertTrue(revoked.isRevoked("alice", null, arrived.minusSeconds(2)), "after Logto's iat");
  }

  @Test
  void restoredEntriesKeepTheirArrivalTimes() {
    Instant arrived = clock.instant();
    revoked.revoke(new LogoutRequest("alice", "sid-a", arrived, "j1"));
    revoked.revoke(new LogoutRequest("bob", null, arrived, "j2"));
    InMemoryRevokedSessions restarted = new InMemoryRevokedSessions(Duration.ofHours(12), clock);

    restarted.restore(revoked.entries());

    assertTrue(restarted.isRevoked("alice", "sid-a", arrived));
    assertTrue(restarted.isRevoked("bob", null, arrived.minusMillis(1)));
    assertFalse(restarted.isRevoked("bob", null, arrived.plusMillis(1)));
  }
}

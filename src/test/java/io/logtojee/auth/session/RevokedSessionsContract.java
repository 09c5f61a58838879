package io.logtojee.auth.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RevokedSessions} does, whichever holds the logouts: a subclass names the store,
 * and these tests run against it with a 12-hour retention.
 */
public abstract class RevokedSessionsContract {

  protected static final Duration RETENTION = Duration.ofHours(12);

  protected final MutableClock clock = MutableClock.startingNow();

  /** An empty store keeping logouts for {@code retention} by {@code clock}. */
  protected abstract RevokedSessions store(Duration retention, Clock clock);

  @Test
  void aRevokedSidEndsEverySessionOfThatLogtoSession() {
    RevokedSessions revoked = store(RETENTION, clock);
    Instant signedIn = clock.instant();
    revoked.revoke(new LogoutRequest("alice", "sid-a", clock.instant(), "j1"));

    assertTrue(revoked.isRevoked("alice", "sid-a", signedIn));
    assertTrue(revoked.isRevoked("alice", "sid-a", signedIn.plusSeconds(1)), "whenever signed in");
    assertFalse(revoked.isRevoked("alice", "sid-b", signedIn), "only that Logto session");
    assertFalse(revoked.isRevoked("alice", null, signedIn));
  }

  @Test
  void aSubjectOnlyLogoutEndsSessionsSignedInUpToIt() {
    RevokedSessions revoked = store(RETENTION, clock);
    Instant logout = clock.instant();
    revoked.revoke(new LogoutRequest("alice", null, logout, "j1"));

    assertTrue(revoked.isRevoked("alice", "sid-a", logout.minusSeconds(60)));
    assertTrue(revoked.isRevoked("alice", null, logout));
    assertFalse(revoked.isRevoked("alice", "sid-new", logout.plusSeconds(1)), "signed in later");
    assertFalse(revoked.isRevoked("bob", null, logout.minusSeconds(60)));
  }

  @Test
  void aLaterLogoutOfTheSameUserMovesTheLineForward() {
    RevokedSessions revoked = store(RETENTION, clock);
    Instant first = clock.instant();
    revoked.revoke(new LogoutRequest("alice", null, first, "j1"));
    clock.advance(Duration.ofMinutes(5));
    revoked.revoke(new LogoutRequest("alice", null, clock.instant(), "j2"));

    assertTrue(revoked.isRevoked("alice", null, first.plus(Duration.ofMinutes(2))));
  }

  @Test
  void entriesAreDroppedAfterTheRetention() {
    RevokedSessions revoked = store(RETENTION, clock);
    Instant signedIn = clock.instant();
    revoked.revoke(new LogoutRequest(null, "sid-a", clock.instant(), "j1"));

    clock.advance(Duration.ofHours(13));
    revoked.revoke(new LogoutRequest(null, "sid-z", clock.instant(), "j2"));

    assertFalse(revoked.isRevoked("alice", "sid-a", signedIn));
    assertTrue(revoked.isRevoked("alice", "sid-z", signedIn));
  }

  @Test
  void aSignInAMillisecondAfterTheLogoutArrivedStaysSignedIn() {
    RevokedSessions revoked = store(RETENTION, clock);
    Instant arrived = clock.instant();
    revoked.revoke(new LogoutRequest("alice", null, arrived, "j1"));

    assertFalse(revoked.isRevoked("alice", null, arrived.plusMillis(1)), "same second, later");
    assertTrue(revoked.isRevoked("alice", null, arrived.minusMillis(1)), "existed then");
  }

  @Test
  void logtosClockAheadOfOursChangesNothing() {
    RevokedSessions revoked = store(RETENTION, clock);
    Instant arrived = clock.instant();
    Instant logtosIat = arrived.plusSeconds(5);
    revoked.revoke(new LogoutRequest("alice", null, logtosIat, "j1"));

    assertFalse(revoked.isRevoked("alice", null, arrived.plusMillis(1)), "began after arrival");
    assertFalse(revoked.isRevoked("alice", null, arrived.plusSeconds(3)), "before Logto's iat");
    assertTrue(revoked.isRevoked("alice", null, arrived.minusMillis(1)));
  }

  @Test
  void logtosClockBehindOursChangesNothing() {
    RevokedSessions revoked = store(RETENTION, clock);
    Instant arrived = clock.instant();
    revoked.revoke(new LogoutRequest("alice", null, arrived.minusSeconds(5), "j1"));

    assertTrue(revoked.isRevoked("alice", null, arrived.minusSeconds(2)), "after Logto's iat");
  }

  @Test
  void aSessionWithoutSubjectOrSidIsNotRevoked() {
    RevokedSessions revoked = store(RETENTION, clock);
    revoked.revoke(new LogoutRequest("alice", null, clock.instant(), "j1"));

    assertFalse(revoked.isRevoked(null, null, clock.instant().minusSeconds(1)));
  }
}

package io.logtojee.auth.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.token.LogoutRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Logouts remembered so that every node refuses sessions Logto has ended. */
class InMemoryRevokedSessionsTest extends RevokedSessionsContract {

  @Override
  protected RevokedSessions store(Duration retention, Clock clock) {
    return new InMemoryRevokedSessions(retention, clock);
  }

  @Test
  void restoredEntriesKeepTheirArrivalTimes() {
    InMemoryRevokedSessions revoked = new InMemoryRevokedSessions(RETENTION, clock);
    Instant arrived = clock.instant();
    revoked.revoke(new LogoutRequest("alice", "sid-a", arrived, "j1"));
    revoked.revoke(new LogoutRequest("bob", null, arrived, "j2"));
    InMemoryRevokedSessions restarted = new InMemoryRevokedSessions(RETENTION, clock);

    restarted.restore(revoked.entries());

    assertTrue(restarted.isRevoked("alice", "sid-a", arrived));
    assertTrue(restarted.isRevoked("bob", null, arrived.minusMillis(1)));
    assertFalse(restarted.isRevoked("bob", null, arrived.plusMillis(1)));
  }
}

package io.logtojee.auth.session;

import io.logtojee.auth.token.LogoutRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link RevokedSessions} of a single node. An entry is kept for the retention time, which
 * should be the absolute session lifetime: no session that signed in before a logout can outlive
 * it.
 */
public final class InMemoryRevokedSessions implements RevokedSessions {

  private final Duration retention;
  private final Clock clock;
  private final Map<String, Instant> revokedSids = new HashMap<>();
  private final Map<String, Instant> revokedSubs = new HashMap<>();

  public InMemoryRevokedSessions(Duration retention, Clock clock) {
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void revoke(LogoutRequest logout) {
    purgeExpired();
    if (logout.sid() != null) {
      revokedSids.merge(logout.sid(), logout.issuedAt(), InMemoryRevokedSessions::later);
    } else {
      revokedSubs.merge(logout.sub(), logout.issuedAt(), InMemoryRevokedSessions::later);
    }
  }

  @Override
  public synchronized boolean isRevoked(String sub, String sid, Instant signedInAt) {
    if (sid != null && revokedSids.containsKey(sid)) {
      return true;
    }
    Instant revokedAt = sub == null ? null : revokedSubs.get(sub);
    return revokedAt != null && !signedInAt.isAfter(revokedAt);
  }

  private void purgeExpired() {
    Instant oldest = clock.instant().minus(retention);
    revokedSids.values().removeIf(at -> at.isBefore(oldest));
    revokedSubs.values().removeIf(at -> at.isBefore(oldest));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

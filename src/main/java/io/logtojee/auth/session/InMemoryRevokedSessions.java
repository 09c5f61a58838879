package io.logtojee.auth.session;

import io.logtojee.auth.token.LogoutRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link RevokedSessions} of a single node. A logout is recorded with the moment it arrived, by
 * this application's clock, never Logto's {@code iat}: a session that began after the logout
 * arrived stays signed in whatever the two clocks say. An entry is kept for the retention time, the
 * absolute session lifetime: no session that signed in before a logout can outlive it.
 */
public final class InMemoryRevokedSessions implements RevokedSessions {

  /** One recorded logout: of a Logto session ({@code sid}) or of every session of a user. */
  public record Revocation(boolean bySession, String id, Instant receivedAt) {
    public Revocation {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(receivedAt, "receivedAt");
    }
  }

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
    Instant now = clock.instant();
    if (logout.sid() != null) {
      record(new Revocation(true, logout.sid(), now));
    } else {
      record(new Revocation(false, logout.sub(), now));
    }
    purgeExpired();
  }

  @Override
  public synchronized boolean isRevoked(String sub, String sid, Instant signedInAt) {
    // A Logto session, once ended, never signs anyone in again: every local session of it ends.
    if (sid != null && revokedSids.containsKey(sid)) {
      return true;
    }
    Instant revokedAt = sub == null ? null : revokedSubs.get(sub);
    return revokedAt != null && !signedInAt.isAfter(revokedAt);
  }

  /** Every recorded logout still within the retention time, for a store that keeps them. */
  public synchronized List<Revocation> entries() {
    purgeExpired();
    List<Revocation> entries = new ArrayList<>();
    revokedSids.forEach((sid, at) -> entries.add(new Revocation(true, sid, at)));
    revokedSubs.forEach((sub, at) -> entries.add(new Revocation(false, sub, at)));
    return entries;
  }

  /** Adds logouts recorded earlier, for example before a restart. */
  public synchronized void restore(List<Revocation> entries) {
    entries.forEach(this::record);
    purgeExpired();
  }

  private void record(Revocation revocation) {
    Map<String, Instant> index = revocation.bySession() ? revokedSids : revokedSubs;
    index.merge(revocation.id(), revocation.receivedAt(), InMemoryRevokedSessions::later);
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

package io.logtojee.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LogtoKeySet} keeps Logto's signing keys: how long a fetched key set counts as current,
 * how often a token naming an unknown {@code kid} may send us back to Logto, and how long the last
 * good keys keep serving while Logto's JWKS endpoint fails.
 *
 * @param cacheTimeToLive how long fetched keys are used without asking Logto again
 * @param refetchCooldown the least time between two fetches caused by unknown key ids, and the
 *     pause after a failed fetch
 * @param outageTolerance how long after their fetch the last good keys still serve while fetching
 *     fails
 */
public record KeyRefreshPolicy(
    Duration cacheTimeToLive, Duration refetchCooldown, Duration outageTolerance) {

  /** 15 minutes cache, 30 seconds cooldown, one day of outage tolerance. */
  public static final KeyRefreshPolicy DEFAULT =
      new KeyRefreshPolicy(Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofHours(24));

  public KeyRefreshPolicy {
    Objects.requireNonNull(cacheTimeToLive, "cacheTimeToLive");
    Objects.requireNonNull(refetchCooldown, "refetchCooldown");
    Objects.requireNonNull(outageTolerance, "outageTolerance");
    if (cacheTimeToLive.isNegative() || cacheTimeToLive.isZero()) {
      throw new IllegalArgumentException("cacheTimeToLive must be positive");
    }
    if (refetchCooldown.isNegative()) {
      throw new IllegalArgumentException("refetchCooldown must not be negative");
    }
    if (outageTolerance.compareTo(cacheTimeToLive) < 0) {
      throw new IllegalArgumentException("outageTolerance must be at least cacheTimeToLive");
    }
  }
}

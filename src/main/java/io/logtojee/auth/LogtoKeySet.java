package io.logtojee.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logto's signing keys from its JWKS endpoint, shared by every validator of Logto-signed JWTs.
 *
 * <ul>
 *   <li>Keys are reused for {@link KeyRefreshPolicy#cacheTimeToLive()}; one thread reloads them
 *       when they are older, the others keep using the old keys meanwhile.
 *   <li>A token naming a key id we do not hold triggers a refetch, but <b>at most one fetch per
 *       {@link KeyRefreshPolicy#refetchCooldown() cooldown}</b>, however many such tokens arrive: a
 *       flood of made-up key ids cannot become a flood of requests to Logto. Nimbus's {@code
 *       RateLimitedJWKSetSource} allows two per interval, hence this class.
 *   <li>A failed fetch keeps the last good keys, which serve for {@link
 *       KeyRefreshPolicy#outageTolerance()} after they were fetched, and no fetch of any kind is
 *       tried again for a cooldown.
 *   <li>An empty key set counts as a failed fetch, so a broken endpoint cannot wipe the keys.
 * </ul>
 *
 * <p>Thread-safe. Matching never blocks on the network while usable keys are at hand, except for
 * the one thread that performs a fetch.
 */
public final class LogtoKeySet implements JWKSource<SecurityContext> {

  private static final Logger LOG = LoggerFactory.getLogger(LogtoKeySet.class);

  private record Snapshot(JWKSet keys, Set<String> keyIds, Instant fetchedAt) {

    Snapshot(JWKSet keys, Instant fetchedAt) {
      this(keys, keyIdsOf(keys), fetchedAt);
    }

    private static Set<String> keyIdsOf(JWKSet keys) {
      Set<String> ids = new HashSet<>();
      for (JWK key : keys.getKeys()) {
        if (key.getKeyID() != null) {
          ids.add(key.getKeyID());
        }
      }
      return Set.copyOf(ids);
    }
  }

  private final URL jwksUrl;
  private final ResourceRetriever retriever;
  private final KeyRefreshPolicy policy;
  private final Clock clock;
  private final ReentrantLock fetchLock = new ReentrantLock();

  private volatile Snapshot lastGood;
  private volatile Instant lastFailure;
  private volatile Instant lastUnknownKeyRefetch;

  /**
   * @param jwksUrl Logto's JWKS endpoint
   * @param retriever fetches the endpoint; it owns the timeouts and the size limit
   * @param policy cache time, cooldown and outage tolerance
   * @param clock the time source for all three
   */
  public LogtoKeySet(
      URL jwksUrl, ResourceRetriever retriever, KeyRefreshPolicy policy, Clock clock) {
    this.jwksUrl = Objects.requireNonNull(jwksUrl, "jwksUrl");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    Snapshot current = usableKeys();
    List<JWK> matches = selector.select(current.keys());
    if (!matches.isEmpty()) {
      return matches;
    }
    Snapshot refreshed = refetchForUnknownKey(current);
    return refreshed == current ? matches : selector.select(refreshed.keys());
  }

  /**
   * Whether the keys held now include one with this {@code kid}, answered from memory: never
   * fetches, and false while there are no keys yet or they are past their time to live, so that a
   * caller trusting an earlier verification goes back to full verification, which reloads them.
   */
  public boolean holdsKeyId(String keyId) {
    Snapshot current = lastGood;
    return current != null
        && keyId != null
        && isFresh(current, clock.instant())
        && current.keyIds().contains(keyId);
  }

  /** The policy in force, for diagnostics and tests. */
  public KeyRefreshPolicy policy() {
    return policy;
  }

  /** Current keys, loading them when there are none yet or they are past their time to live. */
  private Snapshot usableKeys() throws KeySourceException {
    Snapshot current = lastGood;
    Instant now = clock.instant();
    if (current != null && isFresh(current, now)) {
      return current;
    }
    boolean staleButUsable = current != null && isWithinOutageTolerance(current, now);
    if (staleButUsable && !fetchLock.tryLock()) {
      // Another thread is reloading; the old keys are still good enough for this request.
      return current;
    }
    if (!staleButUsable) {
      fetchLock.lock();
    }
    try {
      current = lastGood;
      now = clock.instant();
      if (current != null && isFresh(current, now)) {
        return current;
      }
      if (!isInFailureBackoff(now)) {
        current = fetch(now);
      }
      if (current != null && isWithinOutageTolerance(current, now)) {
        return current;
      }
      throw new KeySourceException("Logto's signing keys are unavailable");
    } finally {
      fetchLock.unlock();
    }
  }

  /** The keys after at most one refetch per cooldown; {@code seen} when no fetch is allowed. */
  private Snapshot refetchForUnknownKey(Snapshot seen) {
    if (!isUnknownKeyRefetchAllowed(clock.instant())) {
      return latestOr(seen);
    }
    fetchLock.lock();
    try {
      Snapshot latest = latestOr(seen);
      if (latest != seen) {
        // Another thread fetched while this one waited: match against its result instead.
        return latest;
      }
      Instant now = clock.instant();
      if (!isUnknownKeyRefetchAllowed(now)) {
        return latest;
      }
      lastUnknownKeyRefetch = now;
      Snapshot fetched = fetch(now);
      return fetched == null ? latest : fetched;
    } finally {
      fetchLock.unlock();
    }
  }

  /** Fetches once; on failure records it and returns the last good keys (maybe null). */
  private Snapshot fetch(Instant now) {
    try {
      JWKSet keys = JWKSet.parse(retriever.retrieveResource(jwksUrl).getContent());
      if (keys.isEmpty()) {
        throw new ParseException("the key set holds no usable key", 0);
      }
      Snapshot fetched = new Snapshot(keys, now);
      lastGood = fetched;
      lastFailure = null;
      return fetched;
    } catch (IOException | ParseException | RuntimeException e) {
      lastFailure = now;
      LOG.warn(
          "Fetching Logto's signing keys from {} failed ({}); {}",
          jwksUrl,
          e.getMessage(),
          lastGood == null ? "no keys yet" : "the last good keys stay in use");
      return lastGood;
    }
  }

  private boolean isFresh(Snapshot snapshot, Instant now) {
    return now.isBefore(snapshot.fetchedAt().plus(policy.cacheTimeToLive()));
  }

  private boolean isWithinOutageTolerance(Snapshot snapshot, Instant now) {
    return now.isBefore(snapshot.fetchedAt().plus(policy.outageTolerance()));
  }

  private boolean isInFailureBackoff(Instant now) {
    Instant failure = lastFailure;
    return failure != null && now.isBefore(failure.plus(policy.refetchCooldown()));
  }

  private boolean isUnknownKeyRefetchAllowed(Instant now) {
    Instant previous = lastUnknownKeyRefetch;
    boolean cooledDown = previous == null || !now.isBefore(previous.plus(policy.refetchCooldown()));
    return cooledDown && !isInFailureBackoff(now);
  }

  private Snapshot latestOr(Snapshot fallback) {
    Snapshot latest = lastGood;
    return latest == null ? fallback : latest;
  }
}

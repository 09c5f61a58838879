package io.logtojee.auth.usertoken;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The access tokens this node holds for signed-in users, and the refresh-token rotations it has
 * seen. It exists so that a page making several API calls costs one token request per target rather
 * than one per call, and so that a refresh token Logto has replaced is not presented again.
 *
 * <ul>
 *   <li>Tokens are kept per refresh token and target, and handed out until {@link #EXPIRY_MARGIN}
 *       before they expire; a token without a known expiry is not kept.
 *   <li>Requests with the same refresh token are serialised, and a rotation is remembered for
 *       {@link #ROTATION_MEMORY}, so that a concurrent request still holding the replaced refresh
 *       token uses its successor: Logto would take the replaced one for a replay and revoke the
 *       grant.
 *   <li>At most {@link #MAX_CACHED_REFRESH_TOKENS} refresh tokens have tokens here, and expired
 *       tokens are swept every {@link #SWEEP_EVERY} stores, so that the tokens of users who never
 *       sign out do not pile up.
 *   <li>Map keys and lock choice use a SHA-256 fingerprint, never the refresh token itself.
 * </ul>
 *
 * <p>Thread-safe; one instance per application.
 */
final class UserTokenCache {

  /** Cached tokens are handed out until this long before they expire. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  /** Above this many refresh tokens the cache drops expired entries, then stops growing. */
  static final int MAX_CACHED_REFRESH_TOKENS = 20_000;

  /** Expired entries are swept after this many stores, so signed-out users' tokens go too. */
  static final int SWEEP_EVERY = 512;

  /** How long a replaced refresh token is still mapped to its successor. */
  static final Duration ROTATION_MEMORY = Duration.ofDays(1);

  // A fixed set of locks: one per refresh token would grow with the users, and sessions rarely
  // contend for a stripe.
  private static final int LOCK_STRIPES = 256;

  private record Rotation(RefreshToken next, Instant at) {}

  private final Clock clock;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /** Cached results by refresh-token fingerprint, then target. */
  private final Map<String, Map<TokenTarget, AccessTokenResult>> cache = new ConcurrentHashMap<>();

  private final AtomicInteger storesSinceSweep = new AtomicInteger();

  /** Refresh tokens Logto replaced, by the fingerprint of the replaced one. */
  private final Map<String, Rotation> rotations = new ConcurrentHashMap<>();

  UserTokenCache(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * The cached token for {@code target}, else the one {@code fetch} gets with the newest refresh
   * token known for {@code refreshToken}. The result's {@code rotatedRefreshToken} is set when the
   * caller's refresh token has been replaced, whether just now or earlier.
   *
   * @param fetch asks Logto; called under the refresh token's lock, and its result's {@code
   *     rotatedRefreshToken} is taken as Logto's replacement for the token it was given
   */
  AccessTokenResult getOrFetch(
      RefreshToken refreshToken,
      TokenTarget target,
      BiFunction<RefreshToken, TokenTarget, AccessTokenResult> fetch) {
    RefreshToken current = latest(refreshToken);
    AccessTokenResult cached = cached(current, target);
    if (cached != null) {
      return forCaller(cached, refreshToken, current);
    }
    synchronized (lockFor(refreshToken)) {
      // Another request may have fetched or rotated while this one waited for the lock.
      current = latest(refreshToken);
      cached = cached(current, target);
      if (cached != null) {
        return forCaller(cached, refreshToken, current);
      }
      AccessTokenResult fetched = fetch.apply(current, target);
      RefreshToken newest =
          fetched.rotatedRefreshToken() == null ? current : fetched.rotatedRefreshToken();
      if (!newest.equals(current)) {
        remember(current, newest);
      }
      store(newest, fetched);
      return forCaller(fetched, refreshToken, newest);
    }
  }

  /** Drops the cached token for one target, for example one Logto no longer accepts. */
  void evict(RefreshToken refreshToken, TokenTarget target) {
    Map<TokenTarget, AccessTokenResult> byTarget = cache.get(fingerprint(latest(refreshToken)));
    if (byTarget != null) {
      byTarget.remove(target);
    }
  }

  /** Drops everything cached for a refresh token and its successor, and the rotation between. */
  void forget(RefreshToken refreshToken) {
    RefreshToken current = latest(refreshToken);
    cache.remove(fingerprint(refreshToken));
    cache.remove(fingerprint(current));
    rotations.remove(fingerprint(refreshToken));
  }

  /** How many refresh tokens have tokens cached; for tests. */
  int size() {
    return cache.size();
  }

  private AccessTokenResult cached(RefreshToken refreshToken, TokenTarget target) {
    Map<TokenTarget, AccessTokenResult> byTarget = cache.get(fingerprint(refreshToken));
    AccessTokenResult result = byTarget == null ? null : byTarget.get(target);
    return result != null && result.isUsableAt(clock.instant(), EXPIRY_MARGIN) ? result : null;
  }

  private void store(RefreshToken refreshToken, AccessTokenResult result) {
    Instant now = clock.instant();
    if (!result.isUsableAt(now, EXPIRY_MARGIN)) {
      return;
    }
    if (storesSinceSweep.incrementAndGet() >= SWEEP_EVERY
        || cache.size() >= MAX_CACHED_REFRESH_TOKENS) {
      storesSinceSweep.set(0);
      cache.values().forEach(m -> m.values().removeIf(r -> !r.isUsableAt(now, EXPIRY_MARGIN)));
      cache.values().removeIf(Map::isEmpty);
    }
    String key = fingerprint(refreshToken);
    if (!cache.containsKey(key) && cache.size() >= MAX_CACHED_REFRESH_TOKENS) {
      return;
    }
    // Stored without a rotation: whether the caller's token was replaced depends on the caller.
    cache
        .computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .put(result.target(), result.withRotatedRefreshToken(null));
  }

  /** The newest refresh token known to replace {@code refreshToken} on this node. */
  private RefreshToken latest(RefreshToken refreshToken) {
    RefreshToken current = refreshToken;
    // Bounded, so that a cycle in what Logto answered cannot hang a request.
    for (int hops = 0; hops < 8; hops++) {
      Rotation rotation = rotations.get(fingerprint(current));
      if (rotation == null) {
        break;
      }
      current = rotation.next();
    }
    return current;
  }

  /** Maps the replaced token to its successor and moves the cached tokens along. */
  private void remember(RefreshToken replaced, RefreshToken successor) {
    Instant now = clock.instant();
    rotations.values().removeIf(r -> r.at().plus(ROTATION_MEMORY).isBefore(now));
    rotations.put(fingerprint(replaced), new Rotation(successor, now));
    Map<TokenTarget, AccessTokenResult> cached = cache.remove(fingerprint(replaced));
    if (cached != null) {
      cache.put(fingerprint(successor), cached);
    }
  }

  private static AccessTokenResult forCaller(
      AccessTokenResult result, RefreshToken callerHas, RefreshToken newest) {
    return result.withRotatedRefreshToken(newest.equals(callerHas) ? null : newest);
  }

  private Object lockFor(RefreshToken refreshToken) {
    return locks[Math.floorMod(fingerprint(refreshToken).hashCode(), locks.length)];
  }

  /** A SHA-256 fingerprint, so that map keys and lock choice never hold the token itself. */
  private static String fingerprint(RefreshToken refreshToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(refreshToken.getValue().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}

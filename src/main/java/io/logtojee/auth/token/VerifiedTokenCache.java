package io.logtojee.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bearer tokens one {@link BearerTokenValidator} has verified, so that a client sending the same
 * token with every request pays for its signature check (about 2 ms of CPU for ES384) once.
 *
 * <ul>
 *   <li>Entries are found by the SHA-256 of the whole compact token, signature included; the token
 *       itself is not kept, so a heap dump holds no usable credential.
 *   <li>Only verified tokens are remembered: a refused token is verified in full every time.
 *   <li>A hit is only a hit while {@code exp} is not reached (the clock skew is not added: a token
 *       accepted within the skew is verified in full again), while the clock checks of {@link
 *       LogtoClaimsVerifier} still pass, and while the signing key's id is still in the key set the
 *       application holds. Issuer, audience and type are not checked again: they depend only on the
 *       token and on the validator that owns this cache.
 *   <li>At most {@code maxEntries} entries, each holding only the verified claims, the key id and
 *       {@code nbf}; tokens longer than {@link #MAX_CACHED_TOKEN_LENGTH} are not remembered. When
 *       full, expired entries go first, then the least recently used tenth.
 * </ul>
 *
 * <p>Thread-safe. A hit takes no lock; making room takes a lock that no request waits for (a
 * request that finds it taken simply does not remember its token).
 */
final class VerifiedTokenCache {

  /**
   * Logto's access tokens are about 1 KiB. A longer token is verified every time instead, so that
   * the memory the entry bound promises is not spent on a few unusually large tokens.
   */
  static final int MAX_CACHED_TOKEN_LENGTH = 4 * 1024;

  /** A full cache sheds this fraction (one tenth) at once, so the sort is rarely paid. */
  private static final int SHED_DIVISOR = 10;

  /** The 256-bit digest as four longs: compact, with value equality and a well-mixed hash. */
  record TokenKey(long first, long second, long third, long fourth) {

    /** Cloned for each token: looking the algorithm up among the providers costs more. */
    private static final MessageDigest SHA_256 = sha256();

    static TokenKey of(String token) {
      MessageDigest sha256;
      try {
        sha256 = (MessageDigest) SHA_256.clone();
      } catch (CloneNotSupportedException e) {
        sha256 = sha256();
      }
      return fromSha256(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every Java runtime provides SHA-256", e);
      }
    }

    static TokenKey fromSha256(byte[] digest) {
      ByteBuffer bytes = ByteBuffer.wrap(digest);
      return new TokenKey(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
    }
  }

  private static final class Remembered {
    final AccessTokenClaims claims;
    final String keyId;
    final Instant notBefore;

    /** For eviction only; a racy update merely makes the order slightly less exact. */
    volatile long lastUsedNanos;

    Remembered(AccessTokenClaims claims, String keyId, Instant notBefore, long lastUsedNanos) {
      this.claims = claims;
      this.keyId = keyId;
      this.notBefore = notBefore;
      this.lastUsedNanos = lastUsedNanos;
    }

    Instant expiresAt() {
      return claims.expiresAt();
    }
  }

  private final int maxEntries;
  private final HeldKeyIds heldKeyIds;
  private final Duration clockSkew;
  private final Clock clock;
  private final Map<TokenKey, Remembered> entries = new ConcurrentHashMap<>();
  private final ReentrantLock makingRoom = new ReentrantLock();

  /**
   * @param maxEntries how many tokens are remembered at most; 0 remembers none
   * @param heldKeyIds the key ids of the key set the application holds, asked on every hit
   * @param clockSkew the validator's tolerance for {@code exp}, {@code nbf} and {@code iat}
   * @param clock the validator's clock
   */
  VerifiedTokenCache(int maxEntries, HeldKeyIds heldKeyIds, Duration clockSkew, Clock clock) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must not be negative");
    }
    this.maxEntries = maxEntries;
    this.heldKeyIds = Objects.requireNonNull(heldKeyIds, "heldKeyIds");
    this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The claims of {@code token} if it was verified before and is still acceptable now; empty means
   * the token must be verified in full. An entry found unacceptable is dropped.
   */
  Optional<AccessTokenClaims> find(String token) {
    if (!isCacheable(token)) {
      return Optional.empty();
    }
    TokenKey key = TokenKey.of(token);
    Remembered entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!isStillAcceptable(entry, clock.instant())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    entry.lastUsedNanos = System.nanoTime();
    return Optional.of(entry.claims);
  }

  /**
   * Remembers a token that has just passed full verification.
   *
   * @param keyId the {@code kid} of the key that verified it; a token without one is not kept,
   *     since its key could not be checked on a hit
   * @param notBefore its {@code nbf}, or null
   */
  void remember(String token, AccessTokenClaims claims, String keyId, Instant notBefore) {
    if (!isCacheable(token) || keyId == null || claims.expiresAt() == null) {
      return;
    }
    Instant now = clock.instant();
    if (!now.isBefore(claims.expiresAt())) {
      // Accepted within the clock skew: keeping it would let the entry outlive exp.
      return;
    }
    if (entries.size() >= maxEntries && !makeRoom(now)) {
      return;
    }
    entries.put(TokenKey.of(token), new Remembered(claims, keyId, notBefore, System.nanoTime()));
  }

  /** How many tokens are remembered now. */
  int size() {
    return entries.size();
  }

  /** Whether an entry is stored under this key. */
  boolean contains(TokenKey key) {
    return entries.containsKey(key);
  }

  private boolean isCacheable(String token) {
    return maxEntries > 0 && token != null && token.length() <= MAX_CACHED_TOKEN_LENGTH;
  }

  private boolean isStillAcceptable(Remembered entry, Instant now) {
    return now.isBefore(entry.expiresAt())
        && LogtoClaimsVerifier.timeRefusal(
                now, clockSkew, null, entry.expiresAt(), entry.notBefore, entry.claims.issuedAt())
            == null
        && heldKeyIds.holds(entry.keyId);
  }

  /**
   * Drops every expired entry, then the least recently used ones, down to nine tenths of the bound,
   * so that the sort is paid once per many insertions. False when another thread is doing it.
   */
  private boolean makeRoom(Instant now) {
    if (!makingRoom.tryLock()) {
      return false;
    }
    try {
      if (entries.size() < maxEntries) {
        return true;
      }
      entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
      int target = maxEntries - Math.max(1, maxEntries / SHED_DIVISOR);
      int excess = entries.size() - target;
      if (excess > 0) {
        // Each last use is read once: hits go on meanwhile, and a sort whose keys change under it
        // may fail.
        record Candidate(TokenKey key, Remembered entry, long lastUsedNanos) {}
        List<Candidate> byLastUse = new ArrayList<>(entries.size());
        entries.forEach(
            (key, entry) -> byLastUse.add(new Candidate(key, entry, entry.lastUsedNanos)));
        byLastUse.sort(Comparator.comparingLong(Candidate::lastUsedNanos));
        for (Candidate stale : byLastUse.subList(0, Math.min(excess, byLastUse.size()))) {
          entries.remove(stale.key(), stale.entry());
        }
      }
      return entries.size() < maxEntries;
    } finally {
      makingRoom.unlock();
    }
  }
}

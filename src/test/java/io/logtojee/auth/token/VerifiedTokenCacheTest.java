package io.logtojee.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache on its own: keys, bounds, eviction, and what a hit checks again. */
class VerifiedTokenCacheTest {

  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final String KID = "key-1";

  private final MutableClock clock = MutableClock.startingNow();
  private final Set<String> heldKeyIds = ConcurrentHashMap.newKeySet();
  private int minted;

  @BeforeEach
  void holdTheKey() {
    heldKeyIds.add(KID);
  }

  private VerifiedTokenCache cache(int maxEntries) {
    return new VerifiedTokenCache(maxEntries, heldKeyIds::contains, SKEW, clock);
  }

  /** A token-shaped string; the cache never parses it. */
  private String token() {
    minted++;
    return "eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ1c2VyIn0-" + minted + ".c2lnbmF0dXJl";
  }

  private AccessTokenClaims claims(Duration expiresIn) {
    Instant now = clock.instant();
    return new AccessTokenClaims(
        "user-1",
        "client-1",
        Set.of("read:things"),
        null,
        List.of("https://api.example.test"),
        "https://tenant.example.test/oidc",
        now.plus(expiresIn),
        "jti-" + minted,
        now);
  }

  private AccessTokenClaims remembered(VerifiedTokenCache cache, String token) {
    AccessTokenClaims claims = claims(Duration.ofHours(1));
    cache.remember(token, claims, KID, null);
    return claims;
  }

  // ------------------------------------------------------------------ rule 1: the key

  @Test
  void anEntryIsStoredUnderTheSha256OfTheWholeToken() throws Exception {
    VerifiedTokenCache cache = cache(10);
    String token = token();

    remembered(cache, token);

    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    assertTrue(cache.contains(VerifiedTokenCache.TokenKey.fromSha256(sha256)));
    assertEquals(1, cache.size());
  }

  @Test
  void aTokenDifferingOnlyInItsSignatureIsNotFound() {
    VerifiedTokenCache cache = cache(10);
    String token = token();
    remembered(cache, token);

    String otherSignature = token.substring(0, token.lastIndexOf('.') + 1) + "b3RoZXI";

    assertTrue(cache.find(otherSignature).isEmpty());
    assertTrue(cache.find(token).isPresent());
  }

  // ------------------------------------------------------------------ rule 2: the bounds

  @Test
  void zeroEntriesRemembersNothing() {
    VerifiedTokenCache cache = cache(0);
    String token = token();

    remembered(cache, token);

    assertEquals(0, cache.size());
    assertTrue(cache.find(token).isEmpty());
  }

  @Test
  void aTokenLongerThanTheBoundIsNotRemembered() {
    VerifiedTokenCache cache = cache(10);
    String atTheBound = "a".repeat(VerifiedTokenCache.MAX_CACHED_TOKEN_LENGTH);
    String longer = atTheBound + "b";

    remembered(cache, atTheBound);
    remembered(cache, longer);

    assertTrue(cache.find(atTheBound).isPresent());
    assertTrue(cache.find(longer).isEmpty());
    assertEquals(1, cache.size());
  }

  @Test
  void neverMoreEntriesThanTheBound() {
    VerifiedTokenCache cache = cache(50);

    for (int i = 0; i < 1_000; i++) {
      remembered(cache, token());
      assertTrue(cache.size() <= 50, () -> "size " + cache.size());
    }
  }

  @Test
  void whenFullExpiredEntriesGoBeforeTheLeastRecentlyUsed() {
    VerifiedTokenCache cache = cache(3);
    String oldestUse = token();
    String olderUse = token();
    remembered(cache, oldestUse);
    remembered(cache, olderUse);
    String shortLived = token();
    cache.remember(shortLived, claims(Duration.ofSeconds(10)), KID, null);
    clock.advance(Duration.ofSeconds(10));

    String newcomer = token();
    remembered(cache, newcomer);

    assertTrue(cache.find(oldestUse).isPresent(), "only the expired entry made room");
    assertTrue(cache.find(olderUse).isPresent());
    assertTrue(cache.find(newcomer).isPresent());
    assertTrue(cache.find(shortLived).isEmpty());
  }

  @Test
  void whenFullTheLeastRecentlyUsedGoes() {
    VerifiedTokenCache cache = cache(3);
    String first = token();
    String second = token();
    String third = token();
    remembered(cache, first);
    remembered(cache, second);
    remembered(cache, third);
    assertTrue(cache.find(first).isPresent());

    String fourth = token();
    remembered(cache, fourth);

    assertTrue(cache.find(second).isEmpty(), "unused since it was remembered");
    assertTrue(cache.find(first).isPresent(), "used recently");
    assertTrue(cache.find(third).isPresent());
    assertTrue(cache.find(fourth).isPresent());
  }

  @Test
  void concurrentRequestsEachFindTheirOwnClaimsWithinTheBound() throws Exception {
    int threads = 4;
    VerifiedTokenCache cache = cache(64);
    List<String> tokens = new ArrayList<>();
    List<AccessTokenClaims> claims = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tokens.add(token());
      claims.add(claims(Duration.ofHours(1)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int offset = t * 37;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int hits = 0;
                  for (int round = 0; round < 2_000; round++) {
                    int i = (offset + round) % tokens.size();
                    Optional<AccessTokenClaims> found = cache.find(tokens.get(i));
                    if (found.isPresent()) {
                      assertSame(claims.get(i), found.get(), "a token finds only its own claims");
                      hits++;
                    } else {
                      cache.remember(tokens.get(i), claims.get(i), KID, null);
                    }
                  }
                  return hits;
                }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertTrue(cache.size() <= 64 + threads, () -> "size " + cache.size());
  }

  // ------------------------------------------------------------------ rule 3: exp

  @Test
  void atExpAnEntryIsAMissThoughTheSkewWouldStillAcceptTheToken() {
    VerifiedTokenCache cache = cache(10);
    String token = token();
    cache.remember(token, claims(Duration.ofSeconds(30)), KID, null);
    clock.advance(Duration.ofSeconds(29));
    assertTrue(cache.find(token).isPresent());

    clock.advance(Duration.ofSeconds(1));

    assertTrue(cache.find(token).isEmpty());
    assertEquals(0, cache.size(), "the expired entry is dropped");
  }

  @Test
  void aTokenAcceptedOnlyWithinTheSkewIsNotRemembered() {
    VerifiedTokenCache cache = cache(10);
    String token = token();

    cache.remember(token, claims(Duration.ofSeconds(-5)), KID, null);

    assertEquals(0, cache.size());
  }

  // ------------------------------------------------------------------ rule 4: the key id

  @Test
  void anEntryGoesWhenItsKeyLeavesTheKeySet() {
    VerifiedTokenCache cache = cache(10);
    String token = token();
    remembered(cache, token);

    heldKeyIds.remove(KID);
    assertTrue(cache.find(token).isEmpty());
    heldKeyIds.add(KID);

    assertTrue(cache.find(token).isEmpty(), "dropped, not just skipped");
    assertEquals(0, cache.size());
  }

  @Test
  void aTokenWithoutKeyIdIsNotRemembered() {
    VerifiedTokenCache cache = cache(10);

    cache.remember(token(), claims(Duration.ofHours(1)), null, null);

    assertEquals(0, cache.size());
  }

  // ------------------------------------------------------------------ rule 6: the clock checks

  @Test
  void aHitChecksNotBeforeAgainWithTheSkew() {
    VerifiedTokenCache cache = cache(10);
    String token = token();
    Instant notBefore = clock.instant().plusSeconds(30);
    cache.remember(token, claims(Duration.ofHours(1)), KID, notBefore);
    assertTrue(cache.find(token).isPresent(), "30 s ahead is within the 60 s skew");

    clock.set(notBefore.minus(SKEW).minusSeconds(1));

    assertTrue(cache.find(token).isEmpty(), "the clock went back past nbf minus the skew");
  }

  @Test
  void aHitChecksIssuedAtAgainWithTheSkew() {
    VerifiedTokenCache cache = cache(10);
    String token = token();
    AccessTokenClaims claims = claims(Duration.ofHours(1));
    cache.remember(token, claims, KID, null);
    clock.set(claims.issuedAt().minus(SKEW));
    assertTrue(cache.find(token).isPresent(), "iat exactly the skew ahead is accepted");

    clock.set(claims.issuedAt().minus(SKEW).minusSeconds(1));

    assertTrue(cache.find(token).isEmpty(), "iat more than the skew ahead");
  }

  @Test
  void aNullTokenIsNeitherFoundNorRemembered() {
    VerifiedTokenCache cache = cache(10);

    cache.remember(null, claims(Duration.ofHours(1)), KID, null);

    assertTrue(cache.find(null).isEmpty());
    assertFalse(cache.size() > 0);
  }
}

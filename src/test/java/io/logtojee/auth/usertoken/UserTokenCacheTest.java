package io.logtojee.auth.usertoken;

import static io.logtojee.auth.usertoken.ScriptedAnswers.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.logtojee.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The cache on its own, with a scripted fetch and a clock moved by hand. */
class UserTokenCacheTest {

  private static final TokenTarget API = TokenTarget.resource("https://api.example.test");
  private static final TokenTarget OTHER_API = TokenTarget.resource("https://other.example.test");
  private static final RefreshToken RT_1 = new RefreshToken("rt-1");
  private static final RefreshToken RT_2 = new RefreshToken("rt-2");

  private final MutableClock clock = MutableClock.startingNow();
  private final UserTokenCache cache = new UserTokenCache(clock);

  /** The refresh tokens the fetch was called with, in order. */
  private final List<String> presented = Collections.synchronizedList(new ArrayList<>());

  /** Fetches a one-hour token named after the call, rotating to {@code rotateTo} when set. */
  private BiFunction<RefreshToken, TokenTarget, AccessTokenResult> logto(String rotateTo) {
    return (refreshToken, target) -> {
      presented.add(refreshToken.getValue());
      return result(
          "at-" + presented.size(), target, clock.instant().plus(Duration.ofHours(1)), rotateTo);
    };
  }

  private AccessTokenResult get(RefreshToken refreshToken, TokenTarget target) {
    return cache.getOrFetch(refreshToken, target, logto(null));
  }

  @Test
  void tokensAreCachedPerTargetUntilSixtySecondsBeforeExpiry() {
    AccessTokenResult first = get(RT_1, API);
    assertSame(first.accessToken(), get(RT_1, API).accessToken());
    assertEquals(1, presented.size());

    AccessTokenResult other = get(RT_1, OTHER_API);
    assertEquals(2, presented.size(), "another target is another token");
    assertNotEquals(first.accessToken(), other.accessToken());

    clock.advance(Duration.between(clock.instant(), first.expiresAt()).minusSeconds(61));
    assertSame(first.accessToken(), get(RT_1, API).accessToken());
    assertEquals(2, presented.size());

    clock.advance(Duration.ofSeconds(1));
    assertNotEquals(first.accessToken(), get(RT_1, API).accessToken());
    assertEquals(3, presented.size(), "renewed 60 s before expiry");
  }

  @Test
  void tokensAreCachedPerRefreshToken() {
    get(RT_1, API);
    get(RT_2, API);

    assertEquals(List.of("rt-1", "rt-2"), presented);
  }

  @Test
  void aTokenWithoutKnownExpiryIsNotCached() {
    BiFunction<RefreshToken, TokenTarget, AccessTokenResult> noExpiry =
        (refreshToken, target) -> {
          presented.add(refreshToken.getValue());
          return result("at", target, null, null);
        };

    cache.getOrFetch(RT_1, API, noExpiry);
    cache.getOrFetch(RT_1, API, noExpiry);

    assertEquals(2, presented.size());
    assertEquals(0, cache.size());
  }

  @Test
  void aRotationMovesTheCachedTokensAndTheReplacedTokenIsNotPresentedAgain() {
    get(RT_1, API);
    AccessTokenResult rotated = cache.getOrFetch(RT_1, OTHER_API, logto("rt-2"));
    assertEquals(RT_2, rotated.newRefreshToken().orElseThrow());

    AccessTokenResult cached = get(RT_1, API);
    assertEquals("at-1", cached.accessToken().getValue(), "cache moved to the new token");
    assertEquals(RT_2, cached.newRefreshToken().orElseThrow(), "the caller learns of rt-2");
    assertEquals("at-2", get(RT_2, OTHER_API).accessToken().getValue());
    assertTrue(get(RT_2, OTHER_API).newRefreshToken().isEmpty());

    get(RT_1, TokenTarget.organization("org-1"));
    assertEquals(List.of("rt-1", "rt-1", "rt-2"), presented);
  }

  @Test
  void aRotationIsRememberedForADay() {
    cache.getOrFetch(RT_1, API, logto("rt-2"));
    clock.advance(UserTokenCache.ROTATION_MEMORY.minusMinutes(1));
    get(RT_1, OTHER_API);
    assertEquals(List.of("rt-1", "rt-2"), presented, "still mapped to rt-2");

    clock.advance(Duration.ofMinutes(2));
    // Old rotations are dropped when the next one is remembered.
    cache.getOrFetch(new RefreshToken("rt-3"), API, logto("rt-4"));
    get(RT_1, API);
    assertEquals(List.of("rt-1", "rt-2", "rt-3", "rt-1"), presented);
  }

  @Test
  void requestsWithTheSameRefreshTokenAreSerialised() throws Exception {
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    BiFunction<RefreshToken, TokenTarget, AccessTokenResult> slowRotating =
        (refreshToken, target) -> {
          fetching.countDown();
          try {
            assertTrue(answer.await(10, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return logto("rt-2").apply(refreshToken, target);
        };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<AccessTokenResult> first =
          threads.submit(() -> cache.getOrFetch(RT_1, API, slowRotating));
      assertTrue(fetching.await(10, TimeUnit.SECONDS));
      Future<AccessTokenResult> second =
          threads.submit(() -> cache.getOrFetch(RT_1, OTHER_API, logto(null)));
      Thread.sleep(200);
      assertEquals(List.of(), presented, "the second request waits for the first");

      answer.countDown();

      assertEquals(RT_2, first.get(10, TimeUnit.SECONDS).newRefreshToken().orElseThrow());
      assertEquals(RT_2, second.get(10, TimeUnit.SECONDS).newRefreshToken().orElseThrow());
      assertEquals(List.of("rt-1", "rt-2"), presented, "rt-1 was presented once");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void evictDropsOneTarget() {
    get(RT_1, API);
    get(RT_1, OTHER_API);
    cache.evict(RT_1, API);

    get(RT_1, API);
    get(RT_1, OTHER_API);
    assertEquals(3, presented.size());
  }

  @Test
  void evictFollowsARotation() {
    cache.getOrFetch(RT_1, API, logto("rt-2"));
    cache.evict(RT_1, API);

    get(RT_2, API);
    assertEquals(List.of("rt-1", "rt-2"), presented);
  }

  @Test
  void forgetDropsTheTokensOfARefreshTokenAndOfItsSuccessor() {
    cache.getOrFetch(RT_1, API, logto("rt-2"));
    cache.forget(RT_1);
    assertEquals(0, cache.size());

    get(RT_1, API);
    assertEquals(List.of("rt-1", "rt-1"), presented, "the rotation is forgotten too");
  }

  @Test
  void theCacheIsBoundedAndExpiredTokensMakeRoom() {
    for (int i = 0; i < UserTokenCache.MAX_CACHED_REFRESH_TOKENS; i++) {
      get(new RefreshToken("rt-" + i), API);
    }
    assertEquals(UserTokenCache.MAX_CACHED_REFRESH_TOKENS, cache.size());

    RefreshToken late = new RefreshToken("late");
    get(late, API);
    get(late, API);
    assertEquals(UserTokenCache.MAX_CACHED_REFRESH_TOKENS, cache.size(), "no growth when full");
    assertEquals(UserTokenCache.MAX_CACHED_REFRESH_TOKENS + 2, presented.size());

    get(new RefreshToken("rt-0"), OTHER_API);
    assertEquals(
        UserTokenCache.MAX_CACHED_REFRESH_TOKENS, cache.size(), "a known key still takes targets");

    clock.advance(Duration.ofHours(1));
    get(late, API);
    get(late, API);
    assertEquals(1, cache.size(), "expired tokens swept when full");
    assertEquals(UserTokenCache.MAX_CACHED_REFRESH_TOKENS + 4, presented.size());
  }

  @Test
  void expiredTokensAreSweptRegularly() {
    for (int i = 0; i < 10; i++) {
      get(new RefreshToken("old-" + i), API);
    }
    clock.advance(Duration.ofHours(1));

    for (int i = 10; i < UserTokenCache.SWEEP_EVERY - 1; i++) {
      get(new RefreshToken("new-" + i), API);
    }
    assertEquals(UserTokenCache.SWEEP_EVERY - 1, cache.size(), "not swept yet");

    get(new RefreshToken("last"), API);
    assertEquals(UserTokenCache.SWEEP_EVERY - 10, cache.size(), "the 10 expired ones are gone");
  }
}

package io.logtojee.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Resource;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.op.Scenario;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared key set: cache, at most one unknown-kid fetch per cooldown, and the last good keys
 * during a JWKS outage (FLT-03).
 */
class LogtoKeySetTest {

  private static final Duration COOLDOWN = KeyRefreshPolicy.DEFAULT.refetchCooldown();
  private static final Duration TTL = KeyRefreshPolicy.DEFAULT.cacheTimeToLive();

  private TestTenant tenant;

  @BeforeEach
  void start() {
    tenant = TestTenant.start();
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private List<JWK> select(String kid) throws KeySourceException {
    return tenant.keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
  }

  private String currentKid() {
    return tenant.op.currentKeyId();
  }

  @Test
  void keysAreFetchedOnceAndServedFromTheCacheUntilTheirTimeToLive() throws Exception {
    assertEquals(1, select(currentKid()).size());
    assertEquals(1, select(currentKid()).size());
    tenant.keyClock.advance(TTL.minusSeconds(1));
    assertEquals(1, select(currentKid()).size());
    assertEquals(1, tenant.jwksFetches());

    tenant.keyClock.advance(Duration.ofSeconds(1));
    assertEquals(1, select(currentKid()).size());

    assertEquals(2, tenant.jwksFetches(), "reloaded after the time to live");
  }

  @Test
  void unknownKeyIdsCauseAtMostOneFetchPerCooldown() throws Exception {
    select(currentKid());

    for (int i = 0; i < 50; i++) {
      assertTrue(select(UUID.randomUUID().toString()).isEmpty());
    }
    assertEquals(2, tenant.jwksFetches(), "the warm-up plus one refetch");

    tenant.keyClock.advance(COOLDOWN.minusMillis(1));
    assertTrue(select("still-unknown").isEmpty());
    assertEquals(2, tenant.jwksFetches(), "still cooling down");

    tenant.keyClock.advance(Duration.ofMillis(1));
    assertTrue(select("still-unknown").isEmpty());
    assertEquals(3, tenant.jwksFetches(), "one more after the cooldown");
  }

  @Test
  void aRotatedKeyIsFoundWithOneRefetch() throws Exception {
    String oldKid = currentKid();
    select(oldKid);

    String newKid = tenant.op.rotateKey(false);

    assertEquals(1, select(newKid).size());
    assertEquals(1, select(oldKid).size(), "old keys stay published");
    assertEquals(2, tenant.jwksFetches());
  }

  @Test
  void theLastGoodKeysServeWhileTheEndpointFails() throws Exception {
    String kid = currentKid();
    select(kid);
    tenant.op.enable(Scenario.JWKS_500);

    tenant.keyClock.advance(TTL.plusMinutes(1));
    assertEquals(1, select(kid).size(), "stale but within the outage tolerance");
    assertEquals(2, tenant.jwksFetches(), "one failed reload");

    for (int i = 0; i < 20; i++) {
      assertEquals(1, select(kid).size());
      assertTrue(select("unknown-" + i).isEmpty());
    }
    assertEquals(2, tenant.jwksFetches(), "no fetch at all for a cooldown after a failure");

    tenant.keyClock.advance(COOLDOWN);
    assertEquals(1, select(kid).size());
    assertEquals(3, tenant.jwksFetches(), "one more attempt after the cooldown");

    tenant.op.disable(Scenario.JWKS_500);
    tenant.keyClock.advance(COOLDOWN);
    assertEquals(1, select(kid).size());
    assertEquals(4, tenant.jwksFetches(), "recovered");
    assertEquals(1, select(kid).size());
    assertEquals(4, tenant.jwksFetches(), "fresh again");
  }

  @Test
  void theLastGoodKeysExpireAfterTheOutageTolerance() throws Exception {
    select(currentKid());
    tenant.op.enable(Scenario.JWKS_500);

    tenant.keyClock.advance(KeyRefreshPolicy.DEFAULT.outageTolerance());

    assertThrows(KeySourceException.class, () -> select(currentKid()));
  }

  @Test
  void withoutAnyKeysAFailingEndpointFailsClosedAndIsNotHammered() throws Exception {
    tenant.op.enable(Scenario.JWKS_500);

    for (int i = 0; i < 10; i++) {
      assertThrows(KeySourceException.class, () -> select(currentKid()));
    }
    assertEquals(1, tenant.jwksFetches());

    tenant.op.disable(Scenario.JWKS_500);
    tenant.keyClock.advance(COOLDOWN);
    assertEquals(1, select(currentKid()).size());
    assertEquals(2, tenant.jwksFetches());
  }

  @Test
  void anEmptyOrBrokenKeySetDoesNotReplaceTheLastGoodKeys() throws Exception {
    List<String> answers = new ArrayList<>(List.of("{\"keys\":[]}", "not json", "{}"));
    String good = "{\"keys\":[" + firstPublishedKey() + "]}";
    AtomicInteger calls = new AtomicInteger();
    MutableClock clock = MutableClock.startingNow();
    LogtoKeySet keys =
        new LogtoKeySet(
            URI.create("http://127.0.0.1:1/oidc/jwks").toURL(),
            url -> {
              String body = calls.getAndIncrement() == 0 ? good : answers.remove(0);
              return new Resource(body, "application/json");
            },
            KeyRefreshPolicy.DEFAULT,
            clock);
    JWKSelector any = new JWKSelector(new JWKMatcher.Builder().build());

    assertEquals(1, keys.get(any, null).size());
    for (int i = 0; i < 3; i++) {
      clock.advance(TTL.plus(COOLDOWN));
      assertEquals(1, keys.get(any, null).size(), "last good keys after bad answer " + i);
    }
    assertEquals(4, calls.get());
  }

  @Test
  void concurrentUnknownKeyIdsShareOneFetch() throws Exception {
    select(currentKid());
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int found = 0;
                  for (int i = 0; i < 100; i++) {
                    found += select(UUID.randomUUID().toString()).size();
                  }
                  return found;
                }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertEquals(0, result.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(2, tenant.jwksFetches(), "800 unknown kids from 8 threads: one refetch");
  }

  @Test
  void aRetrieverExceptionIsAFailedFetchNotACrash() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    LogtoKeySet keys =
        new LogtoKeySet(
            URI.create("http://127.0.0.1:1/oidc/jwks").toURL(),
            url -> {
              throw new IOException("connection refused");
            },
            KeyRefreshPolicy.DEFAULT,
            clock);

    KeySourceException failure =
        assertThrows(
            KeySourceException.class,
            () -> keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null));
    assertFalse(failure.getMessage().contains("refused"), "no transport detail leaks");
  }

  @Test
  void heldKeyIdsAreAnsweredFromMemoryAndOnlyWhileTheKeysAreCurrent() throws Exception {
    assertFalse(tenant.keys.holdsKeyId(currentKid()), "no keys yet");
    assertEquals(0, tenant.jwksFetches(), "asking never fetches");
    select(currentKid());

    assertTrue(tenant.keys.holdsKeyId(currentKid()));
    assertFalse(tenant.keys.holdsKeyId("another-kid"));
    assertFalse(tenant.keys.holdsKeyId(null));
    tenant.keyClock.advance(TTL);
    assertFalse(tenant.keys.holdsKeyId(currentKid()), "due for reload");
    assertEquals(1, tenant.jwksFetches(), "asking never fetches");
  }

  @Test
  void aKeyIdLeavingThePublishedSetIsNoLongerHeldAfterTheReload() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    ECKey first = new ECKeyGenerator(Curve.P_384).keyID("first").generate();
    ECKey second = new ECKeyGenerator(Curve.P_384).keyID("second").generate();
    AtomicReference<JWKSet> published =
        new AtomicReference<>(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
    LogtoKeySet keys =
        new LogtoKeySet(
            URI.create("http://127.0.0.1:1/oidc/jwks").toURL(),
            url -> new Resource(published.get().toString(), "application/json"),
            KeyRefreshPolicy.DEFAULT,
            clock);
    keys.get(new JWKSelector(new JWKMatcher.Builder().keyID("first").build()), null);
    assertTrue(keys.holdsKeyId("first"));

    published.set(new JWKSet(second.toPublicJWK()));
    clock.advance(TTL);
    keys.get(new JWKSelector(new JWKMatcher.Builder().keyID("second").build()), null);

    assertFalse(keys.holdsKeyId("first"));
    assertTrue(keys.holdsKeyId("second"));
  }

  private String firstPublishedKey() throws Exception {
    select(currentKid());
    return select(currentKid()).get(0).toPublicJWK().toJSONString();
  }
}

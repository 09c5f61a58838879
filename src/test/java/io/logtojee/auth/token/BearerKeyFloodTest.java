package io.logtojee.auth.token;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.KeyRefreshPolicy;
import io.logtojee.auth.TestTenant;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API-05: 1,000 Bearer tokens with made-up key ids mixed with valid ones; the valid ones pass, the
 * others are refused, and the JWKS endpoint sees at most one fetch per cooldown.
 */
class BearerKeyFloodTest {

  private static final int TOKENS = 1_000;
  private static final Duration COOLDOWN = KeyRefreshPolicy.DEFAULT.refetchCooldown();

  private TestTenant tenant;
  private BearerTokenValidator validator;
  private final List<String> tokens = new ArrayList<>();

  @BeforeEach
  void start() {
    tenant = TestTenant.start();
    validator =
        BearerTokenValidator.forTenant(tenant.settings, tenant.keys, tenant.keys::holdsKeyId);
    String valid = tenant.op.mintAccessToken(CLIENT_ID, API, "read:things", Map.of());
    for (int i = 0; i < TOKENS; i++) {
      tokens.add(
          i % 10 == 0
              ? valid
              : tenant.op.mintAccessToken(
                  CLIENT_ID,
                  API,
                  "read:things",
                  claims("header.kid", UUID.randomUUID().toString())));
    }
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  /** Validates token {@code i}; true when accepted, and checks the verdict. */
  private boolean check(int i) {
    try {
      validator.validate(tokens.get(i));
      assertEquals(0, i % 10, "token " + i + " has a made-up kid and must be refused");
      return true;
    } catch (InvalidTokenException e) {
      assertEquals(Reason.UNKNOWN_KEY, e.reason(), "token " + i);
      assertTrue(i % 10 != 0, "valid token " + i + " refused");
      return false;
    }
  }

  @Test
  void aBurstWithinOneCooldownCausesAtMostOneFetch() {
    check(0);
    long warmUp = tenant.jwksFetches();

    int accepted = 0;
    for (int i = 0; i < TOKENS; i++) {
      accepted += check(i) ? 1 : 0;
    }

    assertEquals(TOKENS / 10, accepted);
    assertEquals(1, warmUp);
    assertTrue(tenant.jwksFetches() - warmUp <= 1, "fetches: " + tenant.jwksFetches());
  }

  @Test
  void aFloodSpreadOverTimeCausesAtMostOneFetchPerCooldown() {
    Duration step = Duration.ofMillis(100);
    check(0);
    long warmUp = tenant.jwksFetches();

    for (int i = 0; i < TOKENS; i++) {
      check(i);
      tenant.keyClock.advance(step);
    }

    long floodFetches = tenant.jwksFetches() - warmUp;
    long cooldowns = step.multipliedBy(TOKENS).dividedBy(COOLDOWN) + 1;
    System.out.printf(
        "API-05 %d unknown-kid tokens over %d s: %d JWKS fetches (limit %d)%n",
        TOKENS - TOKENS / 10, step.multipliedBy(TOKENS).toSeconds(), floodFetches, cooldowns);
    assertTrue(floodFetches <= cooldowns, "fetches " + floodFetches + " > cooldowns " + cooldowns);
    assertTrue(floodFetches >= 2, "refetches resume after each cooldown");
  }

  @Test
  void aConcurrentBurstCausesAtMostOneFetch() throws Exception {
    check(0);
    long warmUp = tenant.jwksFetches();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int accepted = 0;
                  for (int i = first; i < TOKENS; i += threads) {
                    accepted += check(i) ? 1 : 0;
                  }
                  return accepted;
                }));
      }
      start.countDown();
      int accepted = 0;
      for (Future<Integer> result : results) {
        accepted += result.get();
      }
      assertEquals(TOKENS / 10, accepted);
    } finally {
      pool.shutdownNow();
    }

    assertTrue(tenant.jwksFetches() - warmUp <= 1, "fetches: " + tenant.jwksFetches());
  }
}

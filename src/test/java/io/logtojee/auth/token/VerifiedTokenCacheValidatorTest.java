package io.logtojee.auth.token;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.OTHER_API;
import static io.logtojee.auth.TestTenant.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.logtojee.auth.KeyRefreshPolicy;
import io.logtojee.auth.TestTenant;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.op.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache inside {@link BearerTokenValidator}: a known token skips full verification, which is
 * seen by counting the key lookups the signature check makes, and every refusal is verified again.
 */
class VerifiedTokenCacheValidatorTest {

  private static final Duration SKEW = Duration.ofSeconds(60);

  private TestTenant tenant;
  private final MutableClock clock = MutableClock.startingNow();
  private final AtomicInteger keyLookups = new AtomicInteger();
  private HeldKeyIds heldKeyIds;
  private BearerTokenValidator validator;

  @BeforeEach
  void start() {
    tenant = TestTenant.start();
    heldKeyIds = tenant.keys::holdsKeyId;
    validator = validator(100);
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private BearerTokenValidator validator(int maxEntries) {
    JWKSource<SecurityContext> countingKeys =
        (selector, context) -> {
          keyLookups.incrementAndGet();
          return tenant.keys.get(selector, context);
        };
    return new BearerTokenValidator(
        tenant.op.issuer(),
        List.of(API, OTHER_API),
        countingKeys,
        SKEW,
        clock,
        maxEntries,
        keyId -> heldKeyIds.holds(keyId));
  }

  private String accessToken(Map<String, Object> overrides, Scenario... scenarios) {
    return tenant.op.mintAccessToken(CLIENT_ID, API, "read:things", overrides, scenarios);
  }

  private void assertRefused(Reason expected, String token) {
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> validator.validate(token));
    assertEquals(expected, e.reason());
  }

  /** Validates and tells how many key lookups (full verifications) that took. */
  private int lookupsFor(String token) throws InvalidTokenException {
    int before = keyLookups.get();
    validator.validate(token);
    return keyLookups.get() - before;
  }

  @Test
  void aTokenSentAgainIsNotVerifiedAgain() throws Exception {
    String token = accessToken(Map.of());
    AccessTokenClaims first = validator.validate(token);
    long fetches = tenant.jwksFetches();

    assertEquals(0, lookupsFor(token));
    assertSame(first, validator.validate(token));
    assertEquals(fetches, tenant.jwksFetches(), "a hit never reaches the JWKS endpoint");
    assertEquals(1, validator.rememberedTokens());
  }

  @Test
  void withZeroEntriesEveryCallIsVerifiedInFull() throws Exception {
    validator = validator(0);
    String token = accessToken(Map.of());
    validator.validate(token);

    assertEquals(1, lookupsFor(token));
    assertEquals(0, validator.rememberedTokens());
  }

  // ------------------------------------------------------------------ rule 1

  @Test
  void theKnownPayloadWithAnotherSignatureIsVerifiedAndRefused() throws Exception {
    String token = accessToken(Map.of());
    validator.validate(token);
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(128);

    assertRefused(Reason.BAD_SIGNATURE, forged);
  }

  // ------------------------------------------------------------------ rule 5

  @Test
  void aRefusedTokenIsVerifiedInFullEveryTime() {
    String badSignature = accessToken(Map.of(), Scenario.CORRUPT_SIG);

    for (int i = 0; i < 3; i++) {
      int before = keyLookups.get();
      assertRefused(Reason.BAD_SIGNATURE, badSignature);
      assertEquals(1, keyLookups.get() - before, "full verification, attempt " + i);
    }
    assertEquals(0, validator.rememberedTokens());
  }

  @Test
  void aTokenWithAnUnknownKeyIdIsNotRemembered() {
    String unknownKey = accessToken(claims("header.kid", "not-a-logto-key"));

    assertRefused(Reason.UNKNOWN_KEY, unknownKey);
    assertRefused(Reason.UNKNOWN_KEY, unknownKey);

    assertEquals(0, validator.rememberedTokens());
  }

  @Test
  void aWellSignedTokenRefusedForItsClaimsIsNotRemembered() {
    String otherAudience = tenant.op.mintAccessToken(CLIENT_ID, "https://x.test", "", Map.of());

    assertRefused(Reason.WRONG_AUDIENCE, otherAudience);
    assertRefused(Reason.WRONG_AUDIENCE, otherAudience);

    assertEquals(0, validator.rememberedTokens());
  }

  @Test
  void aTokenRefusedWhileTheKeysWereUnavailableIsAcceptedOnceTheyAreBack() throws Exception {
    String token = accessToken(Map.of());
    tenant.op.enable(Scenario.JWKS_500);
    assertRefused(Reason.KEYS_UNAVAILABLE, token);
    tenant.op.disable(Scenario.JWKS_500);
    tenant.keyClock.advance(KeyRefreshPolicy.DEFAULT.refetchCooldown());

    validator.validate(token);

    assertEquals(1, validator.rememberedTokens());
  }

  // ------------------------------------------------------------------ rule 3

  @Test
  void afterExpTheTokenIsVerifiedInFullAndAcceptedOnlyWithinTheSkew() throws Exception {
    Instant exp = Instant.now().plusSeconds(120);
    String token = accessToken(claims("exp", exp.getEpochSecond()));
    validator.validate(token);
    assertEquals(0, lookupsFor(token));

    clock.set(exp.plusSeconds(30));
    assertEquals(1, lookupsFor(token), "past exp: a miss, accepted within the skew");
    assertEquals(1, lookupsFor(token), "and not remembered again");

    clock.set(exp.plus(SKEW));
    assertRefused(Reason.EXPIRED, token);
  }

  // ------------------------------------------------------------------ rule 4

  @Test
  void aTokenWhoseKeyLeftTheKeySetIsVerifiedInFull() throws Exception {
    String token = accessToken(Map.of());
    validator.validate(token);
    String kid = tenant.op.currentKeyId();
    heldKeyIds = keyId -> !keyId.equals(kid);

    assertEquals(1, lookupsFor(token));
  }

  @Test
  void keysDueForReloadSendTheNextCallThroughFullVerificationWhichReloadsThem() throws Exception {
    String token = accessToken(Map.of());
    validator.validate(token);
    assertEquals(1, tenant.jwksFetches());
    tenant.keyClock.advance(KeyRefreshPolicy.DEFAULT.cacheTimeToLive());

    assertEquals(1, lookupsFor(token), "the held keys are due for reload");
    assertEquals(2, tenant.jwksFetches(), "full verification reloaded them");
    assertEquals(0, lookupsFor(token), "a hit again with the reloaded keys");
  }

  // ------------------------------------------------------------------ rule 6

  @Test
  void aHitStillRefusesATokenIssuedBeyondTheSkewOfAClockThatWentBack() throws Exception {
    String token = accessToken(Map.of());
    AccessTokenClaims claims = validator.validate(token);

    clock.set(claims.issuedAt().minus(SKEW).minusSeconds(1));

    assertRefused(Reason.ISSUED_IN_FUTURE, token);
  }

  @Test
  void aHitStillRefusesATokenNotYetValidOnAClockThatWentBack() throws Exception {
    Instant notBefore = Instant.now().plusSeconds(30);
    String token = accessToken(claims("nbf", notBefore.getEpochSecond()));
    validator.validate(token);
    assertEquals(0, lookupsFor(token));

    clock.set(notBefore.minus(SKEW).minusSeconds(1));

    assertRefused(Reason.NOT_YET_VALID, token);
  }
}

package io.logtojee.auth.token;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.OTHER_API;
import static io.logtojee.auth.TestTenant.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.logtojee.auth.TestTenant;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import io.logtojee.testsupport.op.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bearer access tokens: API-01 to API-04, key rotation and FLT-03 (API-05 in its own class). */
class BearerTokenValidatorTest {

  private TestTenant tenant;
  private BearerTokenValidator validator;

  @BeforeEach
  void start() {
    tenant = TestTenant.start();
    validator =
        BearerTokenValidator.forTenant(tenant.settings, tenant.keys, tenant.keys::holdsKeyId);
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private String accessToken(Map<String, Object> overrides, Scenario... scenarios) {
    return tenant.op.mintAccessToken(
        CLIENT_ID, API, "read:things write:things", overrides, scenarios);
  }

  private void assertRejected(Reason expected, String token) {
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> validator.validate(token));
    assertEquals(expected, e.reason(), () -> "expected " + expected + " but got " + e.reason());
  }

  private static long epoch(Duration fromNow) {
    return Instant.now().plus(fromNow).getEpochSecond();
  }

  // ------------------------------------------------------------------ accepted

  @Test
  void aLogtoAccessTokenForTheApiYieldsItsClaims() throws Exception {
    AccessTokenClaims claims =
        validator.validate(accessToken(claims("organization_id", "demoorg00001")));

    assertEquals(tenant.op.user().sub(), claims.sub());
    assertEquals(CLIENT_ID, claims.clientId());
    assertEquals(Set.of("read:things", "write:things"), claims.scopes());
    assertEquals("demoorg00001", claims.organizationId());
    assertEquals(List.of(API), claims.audience());
    assertEquals(tenant.op.issuer(), claims.issuer());
    assertTrue(claims.expiresAt().isAfter(Instant.now()));
    assertFalse(claims.issuedAt().isAfter(Instant.now()));
    assertFalse(claims.jti().isBlank());
  }

  @Test
  void withoutOrganizationOrScopeThoseClaimsAreEmpty() throws Exception {
    AccessTokenClaims claims = validator.validate(accessToken(claims("scope", null)));

    assertNull(claims.organizationId());
    assertTrue(claims.organization().isEmpty());
    assertEquals(Set.of(), claims.scopes());
  }

  @Test
  void anyConfiguredResourceAndAnAudienceListNamingOneAreAccepted() throws Exception {
    validator.validate(tenant.op.mintAccessToken(CLIENT_ID, OTHER_API, "", Map.of()));
    validator.validate(accessToken(claims("aud", List.of("https://unknown.test", API))));
  }

  @Test
  void typIsComparedCaseInsensitivelyAndMayBeTheFullMediaType() throws Exception {
    validator.validate(accessToken(claims("header.typ", "application/at+jwt")));
    validator.validate(accessToken(claims("header.typ", "AT+JWT")));
  }

  @Test
  void tokensWithinTheClockSkewAreAccepted() throws Exception {
    validator.validate(accessToken(claims("exp", epoch(Duration.ofSeconds(-20)))));
    validator.validate(accessToken(claims("nbf", epoch(Duration.ofSeconds(20)))));
    validator.validate(accessToken(claims("iat", epoch(Duration.ofSeconds(20)))));
  }

  @Test
  void anRsaKeyFromARotationToRsaIsUsedWithItsOwnAlgorithm() throws Exception {
    validator.validate(accessToken(Map.of()));
    tenant.op.useRsa();

    validator.validate(accessToken(Map.of()));

    assertEquals("RS256", tenant.op.signingAlgorithm());
    assertEquals(2, tenant.jwksFetches());
  }

  // ------------------------------------------------------------------ API-01

  @Test
  void api01WrongAudienceIsRefused() {
    assertRejected(
        Reason.WRONG_AUDIENCE,
        tenant.op.mintAccessToken(CLIENT_ID, "https://x.test", "", Map.of()));
    assertRejected(Reason.WRONG_AUDIENCE, accessToken(claims("aud", CLIENT_ID)));
    assertRejected(Reason.WRONG_AUDIENCE, accessToken(claims("aud", List.of())));
  }

  @Test
  void api01WrongIssuerIsRefused() {
    assertRejected(Reason.WRONG_ISSUER, accessToken(Map.of(), Scenario.ISS_PLUS_1));
    assertRejected(Reason.WRONG_ISSUER, accessToken(claims("iss", tenant.op.issuer() + "/")));
  }

  @Test
  void api01ExpiredBeyondTheSkewIsRefused() {
    assertRejected(Reason.EXPIRED, accessToken(claims("exp", epoch(Duration.ofSeconds(-120)))));
  }

  @Test
  void api01FutureNotBeforeAndIssuedAtAreRefused() {
    assertRejected(
        Reason.NOT_YET_VALID, accessToken(claims("nbf", epoch(Duration.ofSeconds(120)))));
    assertRejected(
        Reason.ISSUED_IN_FUTURE, accessToken(claims("iat", epoch(Duration.ofSeconds(120)))));
  }

  @Test
  void api01MissingExpiryAndOtherRequiredClaimsAreRefused() {
    for (String claim : List.of("exp", "iss", "aud", "sub", "client_id", "iat", "jti")) {
      InvalidTokenException e =
          assertThrows(
              InvalidTokenException.class,
              () -> validator.validate(accessToken(claims(claim, null))),
              claim);
      assertEquals(Reason.MISSING_CLAIM, e.reason(), claim);
    }
  }

  @Test
  void claimsOfTheWrongTypeAreRefused() {
    assertRejected(Reason.MALFORMED, accessToken(claims("exp", "tomorrow")));
    assertRejected(Reason.MALFORMED, accessToken(claims("scope", List.of("read:things"))));
    assertRejected(Reason.MALFORMED, accessToken(claims("organization_id", 42)));
  }

  @Test
  void theAudiencesAreTheConfiguredResources() {
    assertEquals(Set.of(API, OTHER_API), validator.audiences());
  }

  @Test
  void noConfiguredResourceRefusesEveryToken() {
    validator =
        new BearerTokenValidator(
            tenant.op.issuer(), List.of(), tenant.keys, Duration.ofSeconds(60));
    assertRejected(Reason.WRONG_AUDIENCE, accessToken(Map.of()));
  }

  // ------------------------------------------------------------------ API-02

  @Test
  void api02AnIdTokenAsBearerIsRefusedByItsType() {
    assertRejected(Reason.WRONG_TYPE, tenant.op.mintIdToken(CLIENT_ID, Map.of()));
  }

  @Test
  void api02AnIdTokenRelabelledAsAccessTokenIsRefusedByItsAudience() {
    assertRejected(
        Reason.WRONG_AUDIENCE,
        tenant.op.mintIdToken(
            CLIENT_ID, claims("header.typ", "at+jwt", "client_id", CLIENT_ID, "jti", "j")));
  }

  @Test
  void aTokenWithoutTypOrWithAnotherTypIsRefused() {
    assertRejected(Reason.WRONG_TYPE, accessToken(claims("header.typ", null)));
    assertRejected(Reason.WRONG_TYPE, accessToken(claims("header.typ", "JWT")));
    assertRejected(Reason.WRONG_TYPE, accessToken(claims("header.typ", "logout+jwt")));
  }

  // ------------------------------------------------------------------ API-03

  @Test
  void api03AlgNoneIsRefused() {
    assertRejected(Reason.UNSIGNED, accessToken(Map.of(), Scenario.ALG_NONE));
    String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("x").build()).serialize();
    assertRejected(Reason.UNSIGNED, unsigned);
  }

  @Test
  void api03AJweWrappingAnUnsignedJwtIsRefused() throws Exception {
    // CVE-2026-29000: a JWE whose plaintext is an unsigned JWT skipped signature checks.
    JWTClaimsSet forged =
        new JWTClaimsSet.Builder()
            .issuer(tenant.op.issuer())
            .audience(API)
            .subject("attacker")
            .claim("client_id", CLIENT_ID)
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .issueTime(new Date())
            .jwtID("j")
            .build();
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    JWEObject jwe =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128GCM)
                .type(new JOSEObjectType("at+jwt"))
                .contentType("JWT")
                .build(),
            new Payload(new PlainJWT(forged).serialize()));
    jwe.encrypt(new DirectEncrypter(key));

    assertRejected(Reason.ENCRYPTED, jwe.serialize());
  }

  @Test
  void api03AnAllZeroOrCorruptedEs384SignatureIsRefused() {
    assertEquals("ES384", tenant.op.signingAlgorithm());
    assertRejected(Reason.BAD_SIGNATURE, accessToken(Map.of(), Scenario.ZERO_SIG));
    assertRejected(Reason.BAD_SIGNATURE, accessToken(Map.of(), Scenario.CORRUPT_SIG));
  }

  @Test
  void hmacSignaturesAreRefusedWhateverTheKey() {
    assertRejected(Reason.ALGORITHM_NOT_ALLOWED, accessToken(Map.of(), Scenario.HS256_SECRET));
    assertRejected(Reason.ALGORITHM_NOT_ALLOWED, accessToken(Map.of(), Scenario.HS256_PUBKEY));
    assertRejected(
        Reason.ALGORITHM_NOT_ALLOWED,
        encode("{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\"}") + "." + encode("{}") + ".c2ln");
  }

  @Test
  void aKeyEmbeddedOrLinkedInTheHeaderIsIgnored() throws Exception {
    ECKey attacker = new ECKeyGenerator(Curve.P_384).keyID(tenant.op.currentKeyId()).generate();
    JWTClaimsSet forged =
        new JWTClaimsSet.Builder()
            .issuer(tenant.op.issuer())
            .audience(API)
            .subject("attacker")
            .claim("client_id", CLIENT_ID)
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .issueTime(new Date())
            .jwtID("j")
            .build();
    String evilJwks = tenant.op.endpoint() + "/evil/jwks";
    SignedJWT token =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES384)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(attacker.getKeyID())
                .jwk(attacker.toPublicJWK())
                .jwkURL(URI.create(evilJwks))
                .x509CertURL(URI.create(evilJwks))
                .build(),
            forged);
    token.sign(new ECDSASigner(attacker));

    assertRejected(Reason.BAD_SIGNATURE, token.serialize());
    assertEquals(0, tenant.op.count("/evil/jwks"), "jku and x5u are never fetched");
  }

  @Test
  void malformedInputIsRefusedWithoutParsing() {
    for (String garbage :
        new String[] {"", "abc", "a.b", "a.b.c.d", "a.b.c.d.e.f", "a b.c.d", "eyJ.eyJ.x=", "..x"}) {
      InvalidTokenException e =
          assertThrows(InvalidTokenException.class, () -> validator.validate(garbage), garbage);
      assertTrue(
          e.reason() == Reason.MALFORMED || e.reason() == Reason.ENCRYPTED,
          garbage + " gave " + e.reason());
    }
    assertRejected(Reason.MALFORMED, null);
    assertRejected(Reason.MALFORMED, encode("[1,2]") + "." + encode("{}") + ".c2ln");
    assertRejected(Reason.MALFORMED, encode("{\"typ\":\"at+jwt\"}") + "." + encode("{}") + ".c2ln");
    assertRejected(
        Reason.MALFORMED, encode("{\"alg\":\"ES384\",\"typ\":\"at+jwt\"}") + ".bm90IGpzb24.c2ln");
  }

  // ------------------------------------------------------------------ API-04

  @Test
  void api04DeeplyNestedClaimsAreRefusedByAScanBeforeParsing() {
    String nested = "[".repeat(2_000) + "]".repeat(2_000);
    String token =
        encode("{\"alg\":\"ES384\",\"typ\":\"at+jwt\",\"kid\":\"k\"}")
            + "."
            + encode("{\"sub\":\"x\",\"deep\":" + nested + "}")
            + ".c2ln";

    assertFast("nested claims", () -> assertRejected(Reason.TOO_DEEPLY_NESTED, token));
    String nestedHeader =
        encode(
                "{\"alg\":\"ES384\",\"x\":"
                    + "{\"a\":".repeat(1_000)
                    + "1"
                    + "}".repeat(1_000)
                    + "}")
            + "."
            + encode("{}")
            + ".c2ln";
    assertRejected(Reason.TOO_DEEPLY_NESTED, nestedHeader);
  }

  @Test
  void api04Pbes2WithAHugeIterationCountIsRefusedWithoutKeyDerivation() {
    String header =
        "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":1000000000,"
            + "\"p2s\":\"c2FsdHNhbHRzYWx0c2FsdA\"}";
    String fiveParts = encode(header) + ".a2V5.aXY.Y2lwaGVy.dGFn";
    String threeParts = encode(header) + "." + encode("{}") + ".c2ln";
    String threePartsWithoutEnc =
        encode("{\"alg\":\"PBES2-HS512+A256KW\",\"p2c\":1000000000}")
            + "."
            + encode("{}")
            + ".c2ln";

    assertFast("PBES2 JWE", () -> assertRejected(Reason.ENCRYPTED, fiveParts));
    assertRejected(Reason.ENCRYPTED, threeParts);
    assertRejected(Reason.ALGORITHM_NOT_ALLOWED, threePartsWithoutEnc);
  }

  @Test
  void api04AHundredKilobyteHeaderIsRefusedByLength() {
    String big =
        encode("{\"alg\":\"ES384\",\"pad\":\"" + "x".repeat(100 * 1024) + "\"}")
            + "."
            + encode("{}")
            + ".c2ln";

    assertFast("100 KB header", () -> assertRejected(Reason.TOO_LARGE, big));
    assertEquals(0, tenant.jwksFetches(), "no key lookup for a rejected token");
  }

  // ------------------------------------------------------------------ keys

  @Test
  void aRotatedKeyIsPickedUpWithOneRefetch() throws Exception {
    validator.validate(accessToken(Map.of()));
    String oldToken = accessToken(Map.of());
    tenant.op.rotateKey(false);

    validator.validate(accessToken(Map.of()));
    validator.validate(oldToken);

    assertEquals(2, tenant.jwksFetches());
  }

  @Test
  void flt03ACachedKeyStillValidatesWhileTheJwksEndpointFails() throws Exception {
    validator.validate(accessToken(Map.of()));
    tenant.op.enable(Scenario.JWKS_500);
    tenant.keyClock.advance(Duration.ofHours(1));

    for (int i = 0; i < 10; i++) {
      validator.validate(accessToken(Map.of()));
      assertRejected(Reason.UNKNOWN_KEY, accessToken(claims("header.kid", "unknown-" + i)));
    }

    assertEquals(2, tenant.jwksFetches(), "one failed reload, then the cooldown");
  }

  @Test
  void withoutAnyKeysTheFailureIsTheProvidersNotTheTokens() {
    tenant.op.enable(Scenario.JWKS_500);

    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> validator.validate(accessToken(Map.of())));

    assertEquals(Reason.KEYS_UNAVAILABLE, e.reason());
    assertTrue(e.isProviderFault());
  }

  @Test
  void reasonsAreSafeForAWwwAuthenticateHeader() {
    for (Reason reason : Reason.values()) {
      assertTrue(
          reason.description().matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+"), reason.name());
      assertTrue(reason.code().matches("[a-z_]+"), reason.name());
    }
  }

  private static String encode(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Runs the check and prints how long it took; no time assertion in unit tests. */
  private static void assertFast(String what, Executable check) {
    long started = System.nanoTime();
    try {
      check.execute();
    } catch (Throwable e) {
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e);
    }
    System.out.printf("API-04 %s rejected in %.3f ms%n", what, (System.nanoTime() - started) / 1e6);
  }
}

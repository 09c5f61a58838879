package io.logtojee.auth;

import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.CLIENT_SECRET;
import static io.logtojee.auth.TestTenant.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.logtojee.testsupport.op.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * The ID token validator pac4j calls at the callback, on its own: the same checks {@code
 * IdTokenValidationIT} drives through a container, here without one.
 */
class LogtoIdTokenValidatorTest {

  private TestTenant tenant;

  @BeforeEach
  void start() {
    tenant = TestTenant.start();
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private LogtoIdTokenValidator validator(Duration clockSkew) {
    OidcConfiguration configuration = new OidcConfiguration();
    configuration.setClientId(CLIENT_ID);
    configuration.setSecret(CLIENT_SECRET);
    OIDCProviderMetadata metadata =
        new OIDCProviderMetadata(
            new Issuer(tenant.op.issuer()),
            List.of(SubjectType.PUBLIC),
            URI.create(tenant.op.issuer() + "/jwks"));
    metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.ES384));
    return new LogtoIdTokenValidator(
        configuration, metadata, tenant.op.issuer(), tenant.keys, clockSkew);
  }

  private IDTokenClaimsSet validate(Duration clockSkew, String idToken) throws Exception {
    return validator(clockSkew).validateIdToken(JWTParser.parse(idToken), null);
  }

  private void assertRefused(Duration clockSkew, String idToken) throws Exception {
    JWT parsed = JWTParser.parse(idToken);
    LogtoIdTokenValidator validator = validator(clockSkew);
    assertThrows(BadJOSEException.class, () -> validator.validateIdToken(parsed, null));
  }

  private static long epoch(Duration fromNow) {
    return Instant.now().plus(fromNow).getEpochSecond();
  }

  private static final Duration SKEW = Duration.ofSeconds(60);

  @Test
  void logtosIdTokenForUsYieldsItsClaims() throws Exception {
    IDTokenClaimsSet claims = validate(SKEW, tenant.op.mintIdToken(CLIENT_ID, Map.of()));

    assertEquals(tenant.op.user().sub(), claims.getSubject().getValue());
    assertEquals(tenant.op.issuer(), claims.getIssuer().getValue());
  }

  @Test
  void unsignedAndHmacSignedIdTokensAreRefused() throws Exception {
    assertRefused(SKEW, tenant.op.mintIdToken(CLIENT_ID, Map.of(), Scenario.ALG_NONE));
    assertRefused(SKEW, tenant.op.mintIdToken(CLIENT_ID, Map.of(), Scenario.HS256_SECRET));
    assertRefused(SKEW, tenant.op.mintIdToken(CLIENT_ID, Map.of(), Scenario.CORRUPT_SIG));
  }

  @Test
  void severalAudiencesNeedUsAsAuthorizedParty() throws Exception {
    assertRefused(SKEW, tenant.op.mintIdToken(CLIENT_ID, Map.of(), Scenario.AUD_ARRAY));
    assertRefused(
        SKEW,
        tenant.op.mintIdToken(
            CLIENT_ID, claims("aud", List.of(CLIENT_ID, "other"), "azp", "other")));

    IDTokenClaimsSet claims =
        validate(SKEW, tenant.op.mintIdToken(CLIENT_ID, Map.of(), Scenario.AUD_ARRAY_AZP));
    assertEquals(2, claims.getAudience().size());
  }

  @Test
  void aSingleAudienceNeedsNoAuthorizedParty() throws Exception {
    IDTokenClaimsSet claims = validate(SKEW, tenant.op.mintIdToken(CLIENT_ID, claims("azp", null)));

    assertEquals(1, claims.getAudience().size());
    assertTrue(claims.getClaim("azp") == null);
  }

  @Test
  void theConfiguredClockSkewIsTheOneApplied() throws Exception {
    String expiredNinetySecondsAgo =
        tenant.op.mintIdToken(CLIENT_ID, claims("exp", epoch(Duration.ofSeconds(-90))));
    String expiredThirtySecondsAgo =
        tenant.op.mintIdToken(CLIENT_ID, claims("exp", epoch(Duration.ofSeconds(-30))));

    validate(Duration.ofSeconds(120), expiredNinetySecondsAgo);
    assertRefused(Duration.ZERO, expiredThirtySecondsAgo);
  }
}

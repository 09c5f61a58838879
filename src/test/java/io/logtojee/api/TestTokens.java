package io.logtojee.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.logtojee.auth.token.HeldKeyIds;
import io.logtojee.auth.token.LogoutTokenValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Logto's signing key held in memory: the JWK set the validators read, and access and logout tokens
 * signed the way Logto signs them (ES384, {@code typ} {@code at+jwt} or {@code logout+jwt}), for
 * the tenant of {@link TestApi#SETTINGS}.
 */
public final class TestTokens {

  private final ECKey key;
  private volatile boolean keysAvailable = true;

  public TestTokens() {
    key = newKey("logto-test-key");
  }

  /**
   * The public half of the key, as Logto's JWKS would publish it; failing as a key set does when
   * Logto's JWKS endpoint cannot be read, after {@link #withdrawKeys()}.
   */
  public JWKSource<SecurityContext> keys() {
    JWKSource<SecurityContext> published = new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    return (selector, context) -> {
      if (!keysAvailable) {
        throw new KeySourceException("Logto's JWKS endpoint answered 500");
      }
      return published.get(selector, context);
    };
  }

  /** The key ids {@link #keys()} holds now: the one key, until {@link #withdrawKeys()}. */
  public HeldKeyIds heldKeyIds() {
    return keyId -> keysAvailable && key.getKeyID().equals(keyId);
  }

  /** From now on, no key can be had. */
  public void withdrawKeys() {
    keysAvailable = false;
  }

  /** A valid access token for {@link TestApi#API_RESOURCE} with the given scopes. */
  public String accessToken(String sub, String... scopes) {
    Instant now = Instant.now();
    return sign(
        key,
        "at+jwt",
        new JWTClaimsSet.Builder()
            .issuer(TestApi.SETTINGS.logto().issuer())
            .audience(TestApi.API_RESOURCE)
            .subject(sub)
            .claim("client_id", TestApi.M2M_CLIENT_ID)
            .claim("scope", String.join(" ", scopes))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
            .jwtID(UUID.randomUUID().toString())
            .build());
  }

  /** An access token whose signature no Logto key verifies: same {@code kid}, another key. */
  public String forgedAccessToken(String sub, String... scopes) {
    SignedJWT genuine = parse(accessToken(sub, scopes));
    try {
      return sign(newKey(key.getKeyID()), "at+jwt", genuine.getJWTClaimsSet());
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid back-channel logout token for this application naming {@code sub}. */
  public String logoutToken(String sub) {
    return sign(
        key,
        "logout+jwt",
        new JWTClaimsSet.Builder()
            .issuer(TestApi.SETTINGS.logto().issuer())
            .audience(TestApi.SETTINGS.logto().appId())
            .subject(sub)
            .issueTime(new Date())
            .jwtID(UUID.randomUUID().toString())
            .claim("events", Map.of(LogoutTokenValidator.BACKCHANNEL_LOGOUT_EVENT, Map.of()))
            .build());
  }

  private static String sign(ECKey key, String typ, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES384)
                .type(new JOSEObjectType(typ))
                .keyID(key.getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static SignedJWT parse(String token) {
    try {
      return SignedJWT.parse(token);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey newKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_384)
          .keyID(kid)
          .algorithm(JWSAlgorithm.ES384)
          .keyUse(KeyUse.SIGNATURE)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.logtojee.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import io.logtojee.config.LogtoSettings;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a Bearer access token Logto issued for one of this application's API resources (RFC
 * 9068), and nothing else: an ID token, a token for another API, the client id as audience, an
 * unsigned, encrypted, oversized or deeply nested token are all refused before they cost more than
 * a scan of their characters. Keys come only from Logto's key set ({@code jku}, {@code x5u} and
 * {@code jwk} headers are ignored); the algorithm must be one Logto signs with.
 *
 * <p>Checks: {@code typ} {@code at+jwt} (or {@code application/at+jwt}, any case); {@code iss}
 * exactly the tenant's issuer; {@code aud} containing a configured resource; {@code exp} present
 * and not past; {@code nbf} and {@code iat} not in the future; all within the configured clock
 * skew. RFC 9068 requires {@code sub}, {@code client_id}, {@code iat} and {@code jti} as well.
 *
 * <p>A token verified once is remembered in a {@link VerifiedTokenCache} of this validator's own
 * (when one is configured), so that presenting it again costs a hash and the clock and key checks
 * instead of a signature check; a refused token is never remembered.
 *
 * <p>Thread-safe. Creates no session.
 */
public final class BearerTokenValidator {

  private static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES =
      Set.of(new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

  private static final Set<String> REQUIRED_CLAIMS =
      Set.of("iss", "aud", "exp", "sub", "client_id", "iat", "jti");

  private final Set<String> audiences;
  private final LogtoJwtProcessor processor;
  private final VerifiedTokenCache verified;

  /**
   * A validator that verifies every token in full.
   *
   * @param issuer Logto's issuer, {@code <endpoint>/oidc}
   * @param audiences the API resource indicators this application serves
   * @param keys Logto's key set, shared with the other validators
   * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
   */
  public BearerTokenValidator(
      String issuer,
      Collection<String> audiences,
      JWKSource<SecurityContext> keys,
      Duration clockSkew) {
    this(issuer, audiences, keys, clockSkew, Clock.systemUTC(), 0, keyId -> false);
  }

  /**
   * @param cacheMaxEntries how many verified tokens to remember; 0 remembers none
   * @param heldKeyIds the key ids {@code keys} holds right now, without fetching
   */
  BearerTokenValidator(
      String issuer,
      Collection<String> audiences,
      JWKSource<SecurityContext> keys,
      Duration clockSkew,
      Clock clock,
      int cacheMaxEntries,
      HeldKeyIds heldKeyIds) {
    Objects.requireNonNull(issuer, "issuer");
    this.audiences = Set.copyOf(new LinkedHashSet<>(audiences));
    this.processor =
        new LogtoJwtProcessor(
            keys,
            ACCESS_TOKEN_TYPES,
            new LogtoClaimsVerifier(
                issuer,
                this.audiences,
                REQUIRED_CLAIMS,
                Set.of(),
                Reason.REJECTED,
                clockSkew,
                null,
                clock));
    // Built here, so that the cache judges times by exactly this validator's clock and skew.
    this.verified = new VerifiedTokenCache(cacheMaxEntries, heldKeyIds, clockSkew, clock);
  }

  /**
   * A validator for the resources in {@code LOGTO_API_RESOURCE}, remembering up to {@code
   * LOGTO_TOKEN_CACHE_MAX_ENTRIES} verified tokens.
   *
   * @param keys Logto's key set
   * @param heldKeyIds the key ids that key set holds right now, without fetching
   */
  public static BearerTokenValidator forTenant(
      LogtoSettings settings, JWKSource<SecurityContext> keys, HeldKeyIds heldKeyIds) {
    return new BearerTokenValidator(
        settings.issuer(),
        settings.apiResources(),
        keys,
        settings.clockSkew(),
        Clock.systemUTC(),
        settings.tokenCacheMaxEntries(),
        heldKeyIds);
  }

  /** The resource indicators a token's {@code aud} must name one of; empty refuses every token. */
  public Set<String> audiences() {
    return audiences;
  }

  /**
   * Validates a compact JWS access token.
   *
   * @param token the value after {@code Bearer }
   * @return the verified claims
   * @throws InvalidTokenException with the reason, safe to show
   */
  public AccessTokenClaims validate(String token) throws InvalidTokenException {
    Optional<AccessTokenClaims> known = verified.find(token);
    if (known.isPresent()) {
      return known.get();
    }
    LogtoJwtProcessor.Verified jwt = processor.verify(token);
    JWTClaimsSet claims = jwt.claims();
    AccessTokenClaims accessClaims;
    try {
      accessClaims =
          new AccessTokenClaims(
              claims.getSubject(),
              claims.getStringClaim("client_id"),
              scopes(claims.getStringClaim("scope")),
              claims.getStringClaim("organization_id"),
              claims.getAudience(),
              claims.getIssuer(),
              instant(claims.getExpirationTime()),
              claims.getJWTID(),
              instant(claims.getIssueTime()));
    } catch (ParseException | RuntimeException e) {
      throw new InvalidTokenException(Reason.MALFORMED, e);
    }
    verified.remember(token, accessClaims, jwt.keyId(), instant(claims.getNotBeforeTime()));
    return accessClaims;
  }

  /** How many verified tokens this validator remembers now. */
  int rememberedTokens() {
    return verified.size();
  }

  private static Set<String> scopes(String scope) {
    if (scope == null || scope.isBlank()) {
      return Set.of();
    }
    return Set.copyOf(Arrays.asList(scope.trim().split(" +")));
  }

  private static java.time.Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}

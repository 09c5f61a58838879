package io.logtojee.auth.token;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what an {@code Authorization} header proves, following RFC 6750: no Bearer header means
 * an anonymous caller (unless scopes are required), an empty or invalid token is refused with a
 * challenge, and a valid token must carry every required scope.
 */
public final class BearerAuthentication {

  /** Logto's key set pauses this long after a failed fetch before it asks Logto again. */
  private static final Duration KEYS_RETRY_AFTER = Duration.ofSeconds(30);

  private final BearerTokenValidator validator;

  public BearerAuthentication(BearerTokenValidator validator) {
    this.validator = validator;
  }

  /**
   * The verified claims of the request's Bearer token, or empty when it has none and needs none.
   *
   * @param authorization the raw Authorization header, possibly null
   * @param requiredScopes the scopes the endpoint declares; a caller needs every one
   * @throws TokenRefusedException with the code and challenge of the refusal
   */
  public Optional<AccessTokenClaims> authenticate(
      String authorization, Set<String> requiredScopes) {
    Optional<String> token = BearerHeaders.tokenOf(authorization);
    if (token.isEmpty()) {
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)) {
        throw new TokenRefusedException(
            TokenError.INVALID_REQUEST,
            "The Bearer token is empty",
            BearerHeaders.missingTokenChallenge());
      }
      if (!requiredScopes.isEmpty()) {
        throw new TokenRefusedException(
            TokenError.INVALID_TOKEN,
            "This API needs a Logto access token",
            BearerHeaders.missingTokenChallenge());
      }
      return Optional.empty();
    }
    AccessTokenClaims claims;
    try {
      claims = validator.validate(token.get());
    } catch (InvalidTokenException e) {
      if (e.isProviderFault()) {
        throw new TokenRefusedException(
            TokenError.PROVIDER_UNAVAILABLE, e.reason().description(), null, KEYS_RETRY_AFTER);
      }
      throw new TokenRefusedException(
          TokenError.INVALID_TOKEN,
          e.reason().description(),
          BearerHeaders.invalidTokenChallenge(e.reason()));
    }
    Set<String> missing = claims.missingScopes(requiredScopes);
    if (!missing.isEmpty()) {
      throw new TokenRefusedException(
          TokenError.INSUFFICIENT_SCOPE,
          "The token lacks the scope " + String.join(" ", missing),
          BearerHeaders.insufficientScopeChallenge(requiredScopes));
    }
    return Optional.of(claims);
  }
}

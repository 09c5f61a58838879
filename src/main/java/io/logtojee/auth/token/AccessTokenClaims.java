package io.logtojee.auth.token;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The verified claims of a Logto access token (RFC 9068). Never the token itself.
 *
 * @param sub the user (or, for machine-to-machine tokens, the application) the token stands for
 * @param clientId the Logto application the token was issued to
 * @param scopes the granted permissions of the API resource
 * @param organizationId the organization the token is scoped to, or null
 * @param audience the API resource indicators the token is for
 * @param issuer Logto's issuer; the user key is {@code issuer} + {@code sub}
 * @param expiresAt {@code exp}
 * @param jti the token id
 * @param issuedAt {@code iat}
 */
public record AccessTokenClaims(
    String sub,
    String clientId,
    Set<String> scopes,
    String organizationId,
    List<String> audience,
    String issuer,
    Instant expiresAt,
    String jti,
    Instant issuedAt)
    implements Serializable {

  public AccessTokenClaims {
    Objects.requireNonNull(sub, "sub");
    Objects.requireNonNull(issuer, "issuer");
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    audience = audience == null ? List.of() : List.copyOf(audience);
  }

  /** The required scopes this token lacks; empty means access is allowed. */
  public Set<String> missingScopes(Collection<String> required) {
    Set<String> missing = new LinkedHashSet<>(required);
    missing.removeAll(scopes);
    return Collections.unmodifiableSet(missing);
  }

  public Optional<String> organization() {
    return Optional.ofNullable(organizationId);
  }
}

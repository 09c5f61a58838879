package io.logtojee.auth.usertoken;

import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An access token obtained for a signed-in user. It holds the token, so it must never be serialised
 * to a response or logged; {@link #toString()} leaves the token out, and {@link
 * UserTokens#claimsOf} gives what may be shown.
 *
 * @param accessToken the token to send as {@code Authorization: Bearer}
 * @param target what it was requested for
 * @param expiresAt when Logto says it expires; null when Logto did not say
 * @param scopes the scopes Logto granted
 * @param rotatedRefreshToken the refresh token the session must keep from now on, when it is no
 *     longer the one the caller passed in; null otherwise
 */
public record AccessTokenResult(
    AccessToken accessToken,
    TokenTarget target,
    Instant expiresAt,
    Set<String> scopes,
    RefreshToken rotatedRefreshToken) {

  public AccessTokenResult {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(target, "target");
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  /** The refresh token to store in place of the caller's, when Logto rotated it. */
  public Optional<RefreshToken> newRefreshToken() {
    return Optional.ofNullable(rotatedRefreshToken);
  }

  /** Whether the token still has more than {@code margin} to live at {@code now}. */
  public boolean isUsableAt(Instant now, Duration margin) {
    return expiresAt != null && now.isBefore(expiresAt.minus(margin));
  }

  AccessTokenResult withRotatedRefreshToken(RefreshToken rotated) {
    return new AccessTokenResult(accessToken, target, expiresAt, scopes, rotated);
  }

  @Override
  public String toString() {
    return "AccessTokenResult[target="
        + target
        + ", expiresAt="
        + expiresAt
        + ", scopes="
        + scopes
        + ", refreshTokenRotated="
        + (rotatedRefreshToken != null)
        + "]";
  }
}

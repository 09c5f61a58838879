package io.logtojee.auth.usertoken;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Asks Logto's token endpoint for an access token with the {@code refresh_token} grant, as Logto's
 * SDKs do (logto.md §5): {@code client_secret_basic}, and a {@code resource} or {@code
 * organization_id} parameter for the target. It holds no state beyond its configuration, so that
 * the one place that builds this request and reads its answer can be tested on its own.
 *
 * <ul>
 *   <li>{@code invalid_grant} raises {@link GrantRevokedException}: the caller ends the session.
 *       Other error answers are sorted by {@link LogtoErrors}; no answer and an unusable answer
 *       raise {@link ProviderUnavailableException}.
 *   <li>A refresh token in the answer that differs from the one sent means Logto rotated it; the
 *       result carries it, and the caller must use it from now on.
 *   <li>The sender makes one attempt per request: a refresh token POSTed twice can look like a
 *       replay to Logto, which then revokes the grant.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class TokenEndpointClient {

  private final ClientID clientId;
  private final Secret clientSecret;
  private final URI tokenEndpoint;
  private final HTTPRequestSender sender;
  private final Clock clock;

  TokenEndpointClient(
      ClientID clientId,
      Secret clientSecret,
      URI tokenEndpoint,
      HTTPRequestSender sender,
      Clock clock) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A new access token for {@code target}, with {@code rotatedRefreshToken} set when Logto replaced
   * {@code refreshToken}.
   *
   * @throws GrantRevokedException when the grant is gone
   * @throws TokenRequestRefusedException when Logto refuses this target
   * @throws ProviderUnavailableException when Logto cannot be used right now
   */
  AccessTokenResult refresh(RefreshToken refreshToken, TokenTarget target) {
    TokenRequest.Builder request =
        new TokenRequest.Builder(
            tokenEndpoint,
            new ClientSecretBasic(clientId, clientSecret),
            new RefreshTokenGrant(refreshToken));
    if (target.resource() != null) {
      request.resources(URI.create(target.resource()));
    }
    if (target.organizationId() != null) {
      request.customParameter("organization_id", target.organizationId());
    }
    // The lifetime counts from before sending, so that the expiry worked out here is never later
    // than Logto's, however long the answer took.
    Instant sentAt = clock.instant();
    HTTPResponse answer;
    try {
      answer = request.build().toHTTPRequest().send(sender);
    } catch (IOException e) {
      throw new ProviderUnavailableException("Logto's token endpoint did not answer", e);
    }
    TokenResponse response;
    try {
      response = TokenResponse.parse(answer);
    } catch (ParseException e) {
      throw LogtoErrors.unusable("token", answer);
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      if (OAuth2Error.INVALID_GRANT.getCode().equals(error.getCode())) {
        throw new GrantRevokedException();
      }
      throw LogtoErrors.refusal(answer, error);
    }
    return result(response.toSuccessResponse(), refreshToken, target, sentAt);
  }

  private static AccessTokenResult result(
      AccessTokenResponse success, RefreshToken sent, TokenTarget target, Instant sentAt) {
    Tokens tokens = success.getTokens();
    AccessToken accessToken = tokens.getAccessToken();
    long lifetime = accessToken.getLifetime();
    Instant expiresAt = lifetime > 0 ? sentAt.plusSeconds(lifetime) : null;
    Set<String> scopes =
        accessToken.getScope() == null
            ? Set.of()
            : Set.copyOf(accessToken.getScope().toStringList());
    // Logto may echo the refresh token it was sent; only a different one is a rotation.
    RefreshToken rotated = tokens.getRefreshToken();
    if (rotated != null && rotated.equals(sent)) {
      rotated = null;
    }
    return new AccessTokenResult(accessToken, target, expiresAt, scopes, rotated);
  }
}

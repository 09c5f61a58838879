package io.logtojee.auth.usertoken;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.logtojee.config.LogtoSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Gets access tokens for a signed-in user from Logto with the refresh token the session keeps, as
 * Logto's SDKs do (logto.md §5): the {@code refresh_token} grant with {@code client_secret_basic}
 * and a {@code resource} or {@code organization_id} parameter; answers are cached per refresh token
 * and target until 60 seconds before they expire. The application's one entry point for this: it
 * puts {@link TokenEndpointClient}, {@link UserInfoClient} and {@link UserTokenCache} together.
 *
 * <ul>
 *   <li>When Logto rotates the refresh token, the result carries the new one and the caller must
 *       store it. Requests with the same refresh token are serialised and a rotation is remembered,
 *       so that two concurrent requests never present a rotated-away refresh token, which Logto
 *       would take as a replay and answer by revoking the grant.
 *   <li>{@code invalid_grant} raises {@link GrantRevokedException}: the caller ends the session.
 *       Other refusals raise {@link TokenRequestRefusedException}; timeouts, server errors and
 *       unusable answers raise {@link ProviderUnavailableException}.
 *   <li>Requests have explicit timeouts and are never retried.
 * </ul>
 *
 * <p>Thread-safe; one instance per application. Tokens never reach a log.
 */
public final class UserTokens {

  /** Cached tokens are handed out until this long before they expire. */
  public static final Duration EXPIRY_MARGIN = UserTokenCache.EXPIRY_MARGIN;

  private final TokenEndpointClient tokenEndpoint;
  private final UserInfoClient userInfo;
  private final UserTokenCache cache;

  /**
   * @param clientId the Logto app id
   * @param clientSecret the Logto app secret
   * @param tokenEndpoint {@code <issuer>/token}
   * @param userInfoEndpoint {@code <issuer>/me}
   * @param connectTimeout bound for opening a connection to Logto
   * @param readTimeout bound for Logto's answer
   */
  public UserTokens(
      ClientID clientId,
      Secret clientSecret,
      URI tokenEndpoint,
      URI userInfoEndpoint,
      Duration connectTimeout,
      Duration readTimeout) {
    this(
        clientId,
        clientSecret,
        tokenEndpoint,
        userInfoEndpoint,
        new JdkHttpSender(connectTimeout, readTimeout),
        Clock.systemUTC());
  }

  UserTokens(
      ClientID clientId,
      Secret clientSecret,
      URI tokenEndpoint,
      URI userInfoEndpoint,
      HTTPRequestSender sender,
      Clock clock) {
    this.tokenEndpoint =
        new TokenEndpointClient(clientId, clientSecret, tokenEndpoint, sender, clock);
    this.userInfo = new UserInfoClient(userInfoEndpoint, sender);
    this.cache = new UserTokenCache(clock);
  }

  /** The service for the tenant and application in {@code settings}. */
  public static UserTokens forTenant(LogtoSettings settings) {
    return new UserTokens(
        new ClientID(settings.appId()),
        new Secret(settings.appSecret()),
        URI.create(settings.issuer() + "/token"),
        URI.create(settings.issuer() + "/me"),
        Duration.ofMillis(settings.connectTimeoutMillis()),
        Duration.ofMillis(settings.readTimeoutMillis()));
  }

  /** An access token (JWT) for an API resource. */
  public AccessTokenResult accessTokenFor(RefreshToken refreshToken, String resource) {
    return accessToken(refreshToken, TokenTarget.resource(resource));
  }

  /** An organization token: audience {@code urn:logto:organization:<id>}. */
  public AccessTokenResult organizationToken(RefreshToken refreshToken, String organizationId) {
    return accessToken(refreshToken, TokenTarget.organization(organizationId));
  }

  /**
   * An access token for {@code target}, from the cache while it has more than {@link
   * #EXPIRY_MARGIN} to live, else from Logto.
   *
   * @throws GrantRevokedException when the grant is gone; end the session
   * @throws TokenRequestRefusedException when Logto refuses this target
   * @throws ProviderUnavailableException when Logto cannot be used right now
   */
  public AccessTokenResult accessToken(RefreshToken refreshToken, TokenTarget target) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(target, "target");
    return cache.getOrFetch(refreshToken, target, this::refresh);
  }

  /**
   * The user's claims from Logto's UserInfo endpoint, with the opaque access token (requested with
   * neither resource nor organization). A rejected cached token is replaced once. A tenant-wide
   * default API resource in Logto makes this fail with {@code invalid_token}: Logto then issues a
   * JWT instead of the opaque token, and refuses it at UserInfo (logto.md §2.6, Logto issue #7779).
   *
   * @param expectedSub the session's {@code sub}; a different answer is refused (OIDC Core 5.3.2)
   */
  public UserInfo fetchUserInfo(RefreshToken refreshToken, String expectedSub) {
    AccessTokenResult token = accessToken(refreshToken, TokenTarget.userInfo());
    try {
      return fetchUserInfo(token.accessToken(), expectedSub);
    } catch (TokenRequestRefusedException e) {
      // A cached token can stop being accepted before it expires; a fresh one tells that apart
      // from a refusal of the user, so a second refusal is passed on.
      if (!"invalid_token".equals(e.error())) {
        throw e;
      }
      cache.evict(token.newRefreshToken().orElse(refreshToken), TokenTarget.userInfo());
      AccessTokenResult fresh = accessToken(refreshToken, TokenTarget.userInfo());
      return fetchUserInfo(fresh.accessToken(), expectedSub);
    }
  }

  /**
   * The user's claims from Logto's UserInfo endpoint with an opaque access token, such as the one
   * from sign-in.
   *
   * @param expectedSub the session's {@code sub}; a different answer is refused (OIDC Core 5.3.2)
   */
  public UserInfo fetchUserInfo(AccessToken opaqueAccessToken, String expectedSub) {
    return userInfo.fetch(opaqueAccessToken, expectedSub);
  }

  /**
   * The claims of a token for diagnostics (for example {@code GET /api/me/tokens}), read without
   * verification from a token Logto's token endpoint just gave us; never use them for decisions.
   * Empty for an opaque token.
   */
  public static Map<String, Object> claimsOf(AccessTokenResult result) {
    String value = result.accessToken().getValue();
    if (value.chars().filter(c -> c == '.').count() != 2) {
      return Map.of();
    }
    try {
      return SignedJWT.parse(value).getJWTClaimsSet().toJSONObject();
    } catch (java.text.ParseException | RuntimeException e) {
      return Map.of();
    }
  }

  /** Drops everything cached for a refresh token, for example at sign-out. */
  public void forget(RefreshToken refreshToken) {
    cache.forget(refreshToken);
  }

  private AccessTokenResult refresh(RefreshToken current, TokenTarget target) {
    try {
      return tokenEndpoint.refresh(current, target);
    } catch (GrantRevokedException e) {
      // Tokens from a revoked grant must not be handed out from the cache either.
      cache.forget(current);
      throw e;
    }
  }
}

package io.logtojee.auth.usertoken;

import com.nimbusds.jwt.SignedJWT;
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
import com.nimbusds.openid.connect.sdk.UserInfoErrorResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.logtojee.config.LogtoSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets access tokens for a signed-in user from Logto with the refresh token the session keeps, as
 * Logto's SDKs do (logto.md §5): the {@code refresh_token} grant with {@code client_secret_basic}
 * and a {@code resource} or {@code organization_id} parameter; answers are cached per refresh token
 * and target until 60 seconds before they expire.
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

  private static final Logger LOG = LoggerFactory.getLogger(UserTokens.class);

  /** Cached tokens are handed out until this long before they expire. */
  public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  /** Above this many refresh tokens the cache drops expired entries, then stops growing. */
  static final int MAX_CACHED_REFRESH_TOKENS = 20_000;

  /** Expired entries are swept after this many stores, so signed-out users' tokens go too. */
  static final int SWEEP_EVERY = 512;

  /** How long a replaced refresh token is still mapped to its successor. */
  static final Duration ROTATION_MEMORY = Duration.ofDays(1);

  private static final int LOCK_STRIPES = 256;

  private record Rotation(RefreshToken next, Instant at) {}

  private final ClientID clientId;
  private final Secret clientSecret;
  private final URI tokenEndpoint;
  private final URI userInfoEndpoint;
  private final HTTPRequestSender sender;
  private final Clock clock;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /** Cached results by refresh-token fingerprint, then target. */
  private final Map<String, Map<TokenTarget, AccessTokenResult>> cache = new ConcurrentHashMap<>();

  private final AtomicInteger storesSinceSweep = new AtomicInteger();

  /** Refresh tokens Logto replaced, by the fingerprint of the replaced one. */
  private final Map<String, Rotation> rotations = new ConcurrentHashMap<>();

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
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    this.userInfoEndpoint = Objects.requireNonNull(userInfoEndpoint, "userInfoEndpoint");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
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
    RefreshToken current = latest(refreshToken);
    AccessTokenResult cached = cached(current, target);
    if (cached != null) {
      return forCaller(cached, refreshToken, current);
    }
    synchronized (lockFor(refreshToken)) {
      current = latest(refreshToken);
      cached = cached(current, target);
      if (cached != null) {
        return forCaller(cached, refreshToken, current);
      }
      AccessTokenResult fetched = requestToken(current, target);
      RefreshToken newest =
          fetched.rotatedRefreshToken() == null ? current : fetched.rotatedRefreshToken();
      if (!newest.equals(current)) {
        remember(current, newest);
      }
      store(newest, fetched);
      return forCaller(fetched, refreshToken, newest);
    }
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
      if (!"invalid_token".equals(e.error())) {
        throw e;
      }
      evict(token.newRefreshToken().orElse(refreshToken), TokenTarget.userInfo());
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
    Objects.requireNonNull(expectedSub, "expectedSub");
    HTTPResponse answer;
    try {
      answer =
          new UserInfoRequest(userInfoEndpoint, opaqueAccessToken).toHTTPRequest().send(sender);
    } catch (IOException e) {
      throw new ProviderUnavailableException("Logto's UserInfo endpoint did not answer", e);
    }
    UserInfoResponse response;
    try {
      response = UserInfoResponse.parse(answer);
    } catch (ParseException e) {
      throw unusable("UserInfo", answer, e);
    }
    if (response instanceof UserInfoErrorResponse error) {
      throw refusal(answer, error.getErrorObject());
    }
    UserInfo info = response.toSuccessResponse().getUserInfo();
    if (info == null) {
      throw new ProviderUnavailableException("Logto answered UserInfo with a JWT", null);
    }
    if (info.getSubject() == null || !expectedSub.equals(info.getSubject().getValue())) {
      throw new ProviderUnavailableException("UserInfo answered for another subject", null);
    }
    return info;
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
    RefreshToken current = latest(refreshToken);
    cache.remove(fingerprint(refreshToken));
    cache.remove(fingerprint(current));
    rotations.remove(fingerprint(refreshToken));
  }

  private AccessTokenResult requestToken(RefreshToken refreshToken, TokenTarget target) {
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
      throw unusable("token", answer, e);
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      if (OAuth2Error.INVALID_GRANT.getCode().equals(error.getCode())) {
        forget(refreshToken);
        throw new GrantRevokedException();
      }
      throw refusal(answer, error);
    }
    AccessTokenResponse success = response.toSuccessResponse();
    Tokens tokens = success.getTokens();
    AccessToken accessToken = tokens.getAccessToken();
    long lifetime = accessToken.getLifetime();
    Instant expiresAt = lifetime > 0 ? sentAt.plusSeconds(lifetime) : null;
    Set<String> scopes =
        accessToken.getScope() == null
            ? Set.of()
            : Set.copyOf(accessToken.getScope().toStringList());
    RefreshToken rotated = tokens.getRefreshToken();
    if (rotated != null && rotated.equals(refreshToken)) {
      rotated = null;
    }
    return new AccessTokenResult(accessToken, target, expiresAt, scopes, rotated);
  }

  private UserTokenException refusal(HTTPResponse answer, ErrorObject error) {
    String code = error == null ? null : error.getCode();
    if (answer.getStatusCode() >= 500
        || code == null
        || !code.matches("[a-z_]{1,64}")
        || OAuth2Error.INVALID_CLIENT.getCode().equals(code)
        || OAuth2Error.SERVER_ERROR.getCode().equals(code)
        || OAuth2Error.TEMPORARILY_UNAVAILABLE.getCode().equals(code)) {
      LOG.warn("Logto answered HTTP {} with error {}", answer.getStatusCode(), safe(code));
      return new ProviderUnavailableException(
          "Logto answered HTTP " + answer.getStatusCode() + " (" + safe(code) + ")", null);
    }
    return new TokenRequestRefusedException(code);
  }

  private static ProviderUnavailableException unusable(
      String endpoint, HTTPResponse answer, Exception cause) {
    LOG.warn(
        "Logto's {} endpoint answered HTTP {} with an unusable body",
        endpoint,
        answer.getStatusCode());
    return new ProviderUnavailableException(
        "Logto's " + endpoint + " endpoint answered HTTP " + answer.getStatusCode() + " unusably",
        null);
  }

  private static String safe(String code) {
    return code != null && code.matches("[a-z_]{1,64}") ? code : "no error code";
  }

  private AccessTokenResult cached(RefreshToken refreshToken, TokenTarget target) {
    Map<TokenTarget, AccessTokenResult> byTarget = cache.get(fingerprint(refreshToken));
    AccessTokenResult result = byTarget == null ? null : byTarget.get(target);
    return result != null && result.isUsableAt(clock.instant(), EXPIRY_MARGIN) ? result : null;
  }

  private void store(RefreshToken refreshToken, AccessTokenResult result) {
    Instant now = clock.instant();
    if (!result.isUsableAt(now, EXPIRY_MARGIN)) {
      return;
    }
    if (storesSinceSweep.incrementAndGet() >= SWEEP_EVERY
        || cache.size() >= MAX_CACHED_REFRESH_TOKENS) {
      storesSinceSweep.set(0);
      cache.values().forEach(m -> m.values().removeIf(r -> !r.isUsableAt(now, EXPIRY_MARGIN)));
      cache.values().removeIf(Map::isEmpty);
    }
    String key = fingerprint(refreshToken);
    if (!cache.containsKey(key) && cache.size() >= MAX_CACHED_REFRESH_TOKENS) {
      return;
    }
    cache
        .computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .put(result.target(), result.withRotatedRefreshToken(null));
  }

  private void evict(RefreshToken refreshToken, TokenTarget target) {
    Map<TokenTarget, AccessTokenResult> byTarget = cache.get(fingerprint(latest(refreshToken)));
    if (byTarget != null) {
      byTarget.remove(target);
    }
  }

  /** The newest refresh token known to replace {@code refreshToken} on this node. */
  private RefreshToken latest(RefreshToken refreshToken) {
    RefreshToken current = refreshToken;
    for (int hops = 0; hops < 8; hops++) {
      Rotation rotation = rotations.get(fingerprint(current));
      if (rotation == null) {
        break;
      }
      current = rotation.next();
    }
    return current;
  }

  /** Maps the replaced token to its successor and moves the cached tokens along. */
  private void remember(RefreshToken replaced, RefreshToken successor) {
    Instant now = clock.instant();
    rotations.values().removeIf(r -> r.at().plus(ROTATION_MEMORY).isBefore(now));
    rotations.put(fingerprint(replaced), new Rotation(successor, now));
    Map<TokenTarget, AccessTokenResult> cached = cache.remove(fingerprint(replaced));
    if (cached != null) {
      cache.put(fingerprint(successor), cached);
    }
  }

  private static AccessTokenResult forCaller(
      AccessTokenResult result, RefreshToken callerHas, RefreshToken newest) {
    return result.withRotatedRefreshToken(newest.equals(callerHas) ? null : newest);
  }

  private Object lockFor(RefreshToken refreshToken) {
    return locks[Math.floorMod(fingerprint(refreshToken).hashCode(), locks.length)];
  }

  /** A SHA-256 fingerprint, so that map keys and lock choice never hold the token itself. */
  private static String fingerprint(RefreshToken refreshToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(refreshToken.getValue().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}

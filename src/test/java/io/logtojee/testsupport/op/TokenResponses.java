package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Resp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The successful answer of the token endpoint, shared by both grant types: an opaque access token
 * for UserInfo, or a JWT one when an API resource or organization was asked for, plus the ID token
 * and refresh token the grant allows. Also the resource and error rules both grants apply alike.
 */
final class TokenResponses {
  static final Duration REFRESH_TTL = Duration.ofDays(14);

  private final ProviderStore store;
  private final TokenMinter minter;

  TokenResponses(ProviderStore store, TokenMinter minter) {
    this.store = store;
    this.minter = minter;
  }

  /** Call with the store locked. */
  Resp issue(
      Grant grant, String resource, String organizationId, Set<String> scopes, String refresh) {
    Instant now = Instant.now();
    String accessToken;
    String scope;
    if (resource != null || organizationId != null) {
      String audience = resource != null ? resource : "urn:logto:organization:" + organizationId;
      // A resource token carries only the API permissions; the OIDC scopes stay with UserInfo.
      scope =
          scopes.stream()
              .filter(s -> !ScopeClaims.SCOPES_SUPPORTED.contains(s))
              .collect(Collectors.joining(" "));
      Map<String, Object> extra = new LinkedHashMap<>();
      if (resource != null && organizationId != null) {
        extra.put("organization_id", organizationId);
      }
      accessToken =
          minter.resourceToken(
              grant.clientId(), grant.user().sub(), audience, scope, extra, Set.of());
    } else {
      Set<String> oidc =
          scopes.stream()
              .filter(ScopeClaims.SCOPES_SUPPORTED::contains)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      scope = String.join(" ", oidc);
      accessToken = OidcValues.randomToken();
      store.accessTokens.put(
          accessToken, new OpaqueAccessToken(grant, oidc, now.plus(TokenMinter.TOKEN_TTL)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("expires_in", TokenMinter.TOKEN_TTL.toSeconds());
    if (scopes.contains("openid")) {
      body.put("id_token", minter.idToken(grant, scopes, accessToken));
    }
    if (refresh != null) {
      body.put("refresh_token", refresh);
    }
    body.put("scope", scope);
    body.put("token_type", "Bearer");
    return Resp.json(200, body);
  }

  /**
   * The error for the requested {@code resource} values, or null when they are acceptable: at most
   * one, and one the authorization request named.
   */
  static Resp checkResource(List<String> requested, Grant grant) {
    if (requested.size() > 1) {
      return Resp.oauthError(400, "invalid_target", "only a single resource indicator value");
    }
    String resource = requested.isEmpty() ? null : requested.get(0);
    if (resource != null && !grant.resources().contains(resource)) {
      return Resp.oauthError(400, "invalid_target", "resource indicator is missing, or unknown");
    }
    return null;
  }

  /** One answer for every unusable code or refresh token, so none gives away why. */
  static Resp invalidGrant() {
    return Resp.oauthError(400, "invalid_grant", "grant request is invalid");
  }
}

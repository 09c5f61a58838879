package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /oidc/me}: the user's claims for an opaque access token, with Logto's bearer errors. JWT
 * access tokens for API resources are refused, as Logto refuses them, since a relying party that
 * sends one has mixed up its tokens.
 */
final class UserInfoEndpoint {
  private final String issuer;
  private final Supplier<Set<Scenario>> scenarios;
  private final ProviderStore store;
  private final ScopeClaims scopeClaims;

  UserInfoEndpoint(
      String issuer,
      Supplier<Set<Scenario>> scenarios,
      ProviderStore store,
      ScopeClaims scopeClaims) {
    this.issuer = issuer;
    this.scenarios = scenarios;
    this.store = store;
    this.scopeClaims = scopeClaims;
  }

  Resp handle(Req req) {
    synchronized (store) {
      return userinfo(req);
    }
  }

  private Resp userinfo(Req req) {
    String authorization = req.header("authorization");
    String token = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
    }
    if (token == null || token.isEmpty()) {
      return invalidToken("no access token provided");
    }
    if (token.chars().filter(c -> c == '.').count() == 2) {
      try {
        Object jti = JwtSigner.unverifiedClaims(token).get("jti");
        if (jti != null && store.jwtAccessTokenIds.contains(jti.toString())) {
          return invalidToken("token audience prevents accessing the userinfo endpoint");
        }
      } catch (RuntimeException e) {
        // Not a JWT of ours: treated as an unknown token below.
      }
    }
    OpaqueAccessToken at = store.accessTokens.get(token);
    if (at == null
        || store.revokedGrants.contains(at.grant().id())
        || Instant.now().isAfter(at.expiresAt())) {
      return invalidToken("invalid token provided");
    }
    if (!at.scopes().contains("openid")) {
      return new Resp(
              403,
              Map.of("Content-Type", "application/json; charset=utf-8"),
              Json.write(
                      Map.of(
                          "error",
                          "insufficient_scope",
                          "error_description",
                          "access token missing openid scope"))
                  .getBytes(StandardCharsets.UTF_8))
          .withHeader(
              "WWW-Authenticate",
              "Bearer realm=\"" + issuer + "\", error=\"insufficient_scope\", scope=\"openid\"");
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    String sub = at.grant().user().sub();
    claims.put("sub", scenarios.get().contains(Scenario.USERINFO_SUB) ? sub + "1" : sub);
    // Logto reads the user's current record at UserInfo, not the one of the sign-in.
    TestUser granted = at.grant().user();
    TestUser user = store.user();
    TestUser current = user != null && user.sub().equals(granted.sub()) ? user : granted;
    claims.putAll(scopeClaims.of(current, at.scopes()));
    return Resp.json(200, claims).withHeader("Cache-Control", "no-store");
  }

  private Resp invalidToken(String description) {
    return Resp.oauthError(401, "invalid_token", description)
        .withHeader(
            "WWW-Authenticate",
            "Bearer realm=\""
                + issuer
                + "\", error=\"invalid_token\", error_description=\""
                + description
                + "\"");
  }
}

package io.logtojee.testsupport.op;

import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds and signs the provider's JWTs: the ID tokens and API-resource access tokens of the token
 * endpoint, the logout tokens of back-channel logout, and the same three kinds minted directly by
 * tests. One class does all of them because the claim scenarios ({@link Scenario#ISS_PLUS_1} and
 * the like) must distort every kind of token in the same way.
 */
final class TokenMinter {
  static final Duration TOKEN_TTL = Duration.ofSeconds(3600);
  static final Duration LOGOUT_TOKEN_TTL = Duration.ofSeconds(120);
  static final String BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /** Prefix of override keys that go into the JOSE header instead of the claims. */
  static final String HEADER_PREFIX = "header.";

  private final String issuer;
  private final KeyRing keys;
  private final Supplier<Set<Scenario>> scenarios;
  private final ProviderStore store;
  private final ScopeClaims scopeClaims;

  TokenMinter(
      String issuer,
      KeyRing keys,
      Supplier<Set<Scenario>> scenarios,
      ProviderStore store,
      ScopeClaims scopeClaims) {
    this.issuer = issuer;
    this.keys = keys;
    this.scenarios = scenarios;
    this.store = store;
    this.scopeClaims = scopeClaims;
  }

  /** The ID token of a token response; the enabled scenarios apply. Call with the store locked. */
  String idToken(Grant grant, Set<String> scopes, String accessToken) {
    Set<Scenario> sc = scenarios.get();
    JWK key = keys.signingKey();
    Instant now = Instant.now();
    Duration expOffset = store.expOffset();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", grant.user().sub());
    claims.put("aud", grant.clientId());
    claims.put(
        "exp", (expOffset.isZero() ? now.plus(TOKEN_TTL) : now.plus(expOffset)).getEpochSecond());
    claims.put("iat", now.plus(store.iatOffset()).getEpochSecond());
    if (grant.nonce() != null) {
      claims.put("nonce", grant.nonce());
    }
    String atHash = JwtSigner.leftHalfHash(accessToken, JwtSigner.effectiveAlgorithm(key, sc));
    if (atHash != null) {
      claims.put("at_hash", atHash);
    }
    claims.put("sid", grant.sid());
    claims.putAll(scopeClaims.of(grant.user(), scopes));
    applyClaimScenarios(claims, grant.clientId(), sc);
    return JwtSigner.sign(key, "JWT", Map.of(), claims, sc, store.secretOf(grant.clientId()));
  }

  /**
   * A JWT access token for an API resource or organization. Only the given scenarios apply, since
   * the token endpoint passes none. Call with the store locked.
   */
  String resourceToken(
      String clientId,
      String sub,
      String audience,
      String scope,
      Map<String, Object> extra,
      Set<Scenario> sc) {
    Instant now = Instant.now();
    String jti = OidcValues.randomToken();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("jti", jti);
    claims.put("sub", sub);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(TOKEN_TTL).getEpochSecond());
    claims.put("scope", scope);
    claims.put("client_id", clientId);
    claims.put("iss", issuer);
    claims.put("aud", audience);
    store.jwtAccessTokenIds.add(jti);
    return mint(clientId, "at+jwt", claims, extra, sc);
  }

  String mintIdToken(String clientId, Map<String, Object> extra, Set<Scenario> sc) {
    synchronized (store) {
      TestUser user = store.user();
      Instant now = Instant.now();
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("iss", issuer);
      claims.put("sub", user.sub());
      claims.put("aud", clientId);
      claims.put("exp", now.plus(TOKEN_TTL).getEpochSecond());
      claims.put("iat", now.getEpochSecond());
      claims.put("sid", OidcValues.randomToken());
      claims.putAll(
          scopeClaims.of(
              user, Set.of("profile", "email", "roles", ScopeClaims.ORGANIZATIONS_SCOPE)));
      return mint(clientId, "JWT", claims, extra, sc);
    }
  }

  String mintAccessToken(
      String clientId, String audience, String scope, Map<String, Object> extra, Set<Scenario> sc) {
    synchronized (store) {
      return resourceToken(clientId, store.user().sub(), audience, scope, extra, sc);
    }
  }

  String mintLogoutToken(
      String clientId, String sub, String sid, Map<String, Object> overrides, Set<Scenario> sc) {
    synchronized (store) {
      Instant now = Instant.now();
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("iss", issuer);
      claims.put("aud", clientId);
      claims.put("iat", now.getEpochSecond());
      claims.put("exp", now.plus(LOGOUT_TOKEN_TTL).getEpochSecond());
      claims.put("jti", OidcValues.randomToken());
      if (sub != null) {
        claims.put("sub", sub);
      }
      if (sid != null) {
        claims.put("sid", sid);
      }
      claims.put("events", Map.of(BACKCHANNEL_EVENT, Map.of()));
      return mint(clientId, "logout+jwt", claims, overrides, sc);
    }
  }

  /**
   * Applies overrides (a null value removes a claim; a {@link #HEADER_PREFIX} key sets or, with
   * null, removes a JOSE header member) and the claim scenarios, then signs.
   */
  private String mint(
      String clientId,
      String typ,
      Map<String, Object> claims,
      Map<String, Object> overrides,
      Set<Scenario> sc) {
    Map<String, Object> header = new LinkedHashMap<>();
    if (overrides != null) {
      overrides.forEach(
          (name, value) -> {
            if (name.startsWith(HEADER_PREFIX)) {
              header.put(name.substring(HEADER_PREFIX.length()), value);
            } else if (value == null) {
              claims.remove(name);
            } else {
              claims.put(name, value);
            }
          });
    }
    applyClaimScenarios(claims, clientId, sc);
    return JwtSigner.sign(keys.signingKey(), typ, header, claims, sc, store.secretOf(clientId));
  }

  private static void applyClaimScenarios(
      Map<String, Object> claims, String clientId, Set<Scenario> sc) {
    if (sc.contains(Scenario.ISS_PLUS_1) && claims.get("iss") != null) {
      claims.put("iss", claims.get("iss") + "1");
    }
    if (sc.contains(Scenario.AUD_PLUS_1)) {
      claims.put("aud", clientId + "1");
    }
    if (sc.contains(Scenario.DROP_AUD)) {
      claims.remove("aud");
    }
    if (sc.contains(Scenario.AUD_ARRAY) || sc.contains(Scenario.AUD_ARRAY_AZP)) {
      claims.put("aud", List.of(clientId, clientId + "1"));
    }
    if (sc.contains(Scenario.AUD_ARRAY_AZP)) {
      claims.put("azp", clientId);
    }
    if (sc.contains(Scenario.SUB_PLUS_1) && claims.get("sub") != null) {
      claims.put("sub", claims.get("sub") + "1");
    }
    if (sc.contains(Scenario.DROP_SUB)) {
      claims.remove("sub");
    }
    if (sc.contains(Scenario.DROP_IAT)) {
      claims.remove("iat");
    }
    if (sc.contains(Scenario.NONCE_PLUS_1) && claims.get("nonce") != null) {
      claims.put("nonce", claims.get("nonce") + "1");
    }
    if (sc.contains(Scenario.DROP_NONCE)) {
      claims.remove("nonce");
    }
  }
}

package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /oidc/token/introspection} (RFC 7662) for opaque access tokens and refresh tokens.
 * Discovery advertises it as Logto's does, so a client that follows the document finds a working
 * endpoint; a token is active only while neither expiry, revocation nor rotation has ended it.
 */
final class IntrospectionEndpoint {
  private final String issuer;
  private final ProviderStore store;
  private final ClientAuthentication clientAuthentication;

  IntrospectionEndpoint(
      String issuer, ProviderStore store, ClientAuthentication clientAuthentication) {
    this.issuer = issuer;
    this.store = store;
    this.clientAuthentication = clientAuthentication;
  }

  Resp handle(Req req) {
    synchronized (store) {
      ClientAuthentication.Outcome auth = clientAuthentication.authenticate(req);
      if (auth.error() != null) {
        return auth.error();
      }
      String token = req.formParam("token");
      if (token == null) {
        return Resp.oauthError(400, "invalid_request", "missing required parameter 'token'");
      }
      return Resp.json(200, describe(token));
    }
  }

  private Map<String, Object> describe(String token) {
    Map<String, Object> body = new LinkedHashMap<>();
    OpaqueAccessToken at = store.accessTokens.get(token);
    RefreshToken rt = store.refreshTokens.get(token);
    if (at != null
        && !store.revokedGrants.contains(at.grant().id())
        && Instant.now().isBefore(at.expiresAt())) {
      body.put("active", true);
      body.put("client_id", at.grant().clientId());
      body.put("exp", at.expiresAt().getEpochSecond());
      body.put("iss", issuer);
      body.put("scope", String.join(" ", at.scopes()));
      body.put("sub", at.grant().user().sub());
      body.put("token_type", "Bearer");
    } else if (rt != null
        && !rt.consumed
        && !store.revokedGrants.contains(rt.grant.id())
        && Instant.now().isBefore(rt.expiresAt)) {
      body.put("active", true);
      body.put("client_id", rt.grant.clientId());
      body.put("exp", rt.expiresAt.getEpochSecond());
      body.put("iss", issuer);
      body.put("scope", String.join(" ", rt.grant.scopes()));
      body.put("sub", rt.grant.user().sub());
      body.put("token_type", "refresh_token");
    } else {
      body.put("active", false);
    }
    return body;
  }
}

package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.time.Instant;
import java.util.List;

/**
 * The {@code authorization_code} grant of the token endpoint: redeems a code once, checking the
 * client, expiry, PKCE verifier and redirect URI. A second redemption is taken for an attack and
 * revokes the grant, as in node-oidc-provider.
 */
final class AuthorizationCodeGrant {
  private final ProviderStore store;
  private final TokenResponses responses;

  AuthorizationCodeGrant(ProviderStore store, TokenResponses responses) {
    this.store = store;
    this.responses = responses;
  }

  /** Call with the store locked. */
  Resp redeem(Req req, RegisteredClient client) {
    String value = req.formParam("code");
    if (value == null) {
      return Resp.oauthError(400, "invalid_request", "missing required parameter 'code'");
    }
    AuthorizationCode code = store.codes.get(value);
    if (code == null
        || !code.grant.clientId().equals(client.id())
        || Instant.now().isAfter(code.expiresAt)) {
      return TokenResponses.invalidGrant();
    }
    String verifier = req.formParam("code_verifier");
    if (code.challenge != null || verifier != null) {
      if (code.challenge == null
          || verifier == null
          || !OidcValues.s256(verifier).equals(code.challenge)) {
        return TokenResponses.invalidGrant();
      }
    }
    if (!code.redirectUri.equals(req.formParam("redirect_uri"))) {
      return TokenResponses.invalidGrant();
    }
    if (code.consumed) {
      // As node-oidc-provider does: a replayed code revokes everything issued from it.
      store.revokedGrants.add(code.grant.id());
      return TokenResponses.invalidGrant();
    }
    if (store.revokedGrants.contains(code.grant.id())) {
      return TokenResponses.invalidGrant();
    }
    // Consumed before the resource check: a code sent with a bad resource is still spent.
    code.consumed = true;
    Grant grant = code.grant;
    List<String> requested = OidcValues.splitResources(req.params("resource"));
    Resp resourceError = TokenResponses.checkResource(requested, grant);
    if (resourceError != null) {
      return resourceError;
    }
    String resource = requested.isEmpty() ? null : requested.get(0);
    String refresh = null;
    if (grant.offline()) {
      refresh = OidcValues.randomToken();
      store.refreshTokens.put(
          refresh, new RefreshToken(grant, Instant.now().plus(TokenResponses.REFRESH_TTL)));
    }
    return responses.issue(grant, resource, null, grant.scopes(), refresh);
  }
}

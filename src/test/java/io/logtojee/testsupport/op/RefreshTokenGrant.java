package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The {@code refresh_token} grant of the token endpoint: narrows scopes, switches to an API
 * resource or an organization, and rotates public clients' refresh tokens as Logto does, so that
 * reusing a rotated token is caught and revokes the grant.
 */
final class RefreshTokenGrant {
  private final ProviderStore store;
  private final TokenResponses responses;

  RefreshTokenGrant(ProviderStore store, TokenResponses responses) {
    this.store = store;
    this.responses = responses;
  }

  /** Call with the store locked. */
  Resp redeem(Req req, RegisteredClient client) {
    String value = req.formParam("refresh_token");
    if (value == null) {
      return Resp.oauthError(400, "invalid_request", "missing required parameter 'refresh_token'");
    }
    RefreshToken token = store.refreshTokens.get(value);
    if (token == null
        || store.revokedGrants.contains(token.grant.id())
        || Instant.now().isAfter(token.expiresAt)
        || !token.grant.clientId().equals(client.id())) {
      return TokenResponses.invalidGrant();
    }
    Grant grant = token.grant;
    Set<String> scopes = grant.scopes();
    String scopeParam = req.formParam("scope");
    if (scopeParam != null) {
      Set<String> requested = OidcValues.words(scopeParam);
      if (!grant.scopes().containsAll(requested)) {
        return Resp.oauthError(400, "invalid_scope", "refresh token missing requested scope");
      }
      scopes = requested;
    }
    if (token.consumed) {
      store.revokedGrants.add(grant.id());
      return TokenResponses.invalidGrant();
    }
    List<String> requestedResources = OidcValues.splitResources(req.params("resource"));
    Resp resourceError = TokenResponses.checkResource(requestedResources, grant);
    if (resourceError != null) {
      return resourceError;
    }
    String resource = requestedResources.isEmpty() ? null : requestedResources.get(0);
    String organizationId = req.formParam("organization_id");
    if (organizationId != null) {
      if (!grant.scopes().contains(ScopeClaims.ORGANIZATIONS_SCOPE)) {
        return Resp.oauthError(403, "insufficient_scope", "refresh token missing required scope");
      }
      if (!grant.user().organizations().contains(organizationId)) {
        return Resp.oauthError(400, "access_denied", "organization access denied");
      }
    }
    String refresh = value;
    if (client.isPublic()) {
      // Logto rotates public clients' refresh tokens on every use.
      token.consumed = true;
      refresh = OidcValues.randomToken();
      store.refreshTokens.put(refresh, new RefreshToken(grant, token.expiresAt));
    }
    return responses.issue(grant, resource, organizationId, scopes, refresh);
  }
}

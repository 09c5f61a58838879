package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.util.Map;

/**
 * {@code /oidc/token/revocation} (RFC 7009): revokes an opaque access token, or the whole grant of
 * a refresh token. Tokens of other clients and unknown tokens are silently ignored, and the answer
 * is always an empty 200, as RFC 7009 asks, so a caller learns nothing about tokens it does not
 * own. Discovery advertises it as Logto's does.
 */
final class RevocationEndpoint {
  private final ProviderStore store;
  private final ClientAuthentication clientAuthentication;

  RevocationEndpoint(ProviderStore store, ClientAuthentication clientAuthentication) {
    this.store = store;
    this.clientAuthentication = clientAuthentication;
  }

  Resp handle(Req req) {
    synchronized (store) {
      ClientAuthentication.Outcome auth = clientAuthentication.authenticate(req);
      if (auth.error() != null) {
        return auth.error();
      }
      RegisteredClient client = auth.client();
      String token = req.formParam("token");
      if (token == null) {
        return Resp.oauthError(400, "invalid_request", "missing required parameter 'token'");
      }
      OpaqueAccessToken at = store.accessTokens.get(token);
      if (at != null && at.grant().clientId().equals(client.id())) {
        store.accessTokens.remove(token);
      }
      RefreshToken rt = store.refreshTokens.get(token);
      if (rt != null && rt.grant.clientId().equals(client.id())) {
        store.revokedGrants.add(rt.grant.id());
      }
      return new Resp(200, Map.of(), new byte[0]);
    }
  }
}

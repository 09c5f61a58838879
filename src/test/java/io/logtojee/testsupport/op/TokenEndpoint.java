package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /oidc/token}: authenticates the client and hands the request to its grant type
 * (authorization code, refresh token, or client credentials for a machine-to-machine app). The
 * token scenarios act here, before anything is checked or consumed, because they stand for a
 * provider that fails outright: a reset connection or a server error.
 */
final class TokenEndpoint {
  private final Supplier<Set<Scenario>> scenarios;
  private final ProviderStore store;
  private final ClientAuthentication clientAuthentication;
  private final AuthorizationCodeGrant authorizationCodeGrant;
  private final RefreshTokenGrant refreshTokenGrant;
  private final ClientCredentialsGrant clientCredentialsGrant;

  TokenEndpoint(
      Supplier<Set<Scenario>> scenarios,
      ProviderStore store,
      ClientAuthentication clientAuthentication,
      TokenResponses responses,
      ManagementApi managementApi) {
    this.scenarios = scenarios;
    this.store = store;
    this.clientAuthentication = clientAuthentication;
    this.authorizationCodeGrant = new AuthorizationCodeGrant(store, responses);
    this.refreshTokenGrant = new RefreshTokenGrant(store, responses);
    this.clientCredentialsGrant = new ClientCredentialsGrant(store, managementApi);
  }

  Resp handle(Req req) {
    Set<Scenario> sc = scenarios.get();
    if (sc.contains(Scenario.TOKEN_RESET)) {
      return Resp.RESET;
    }
    if (sc.contains(Scenario.TOKEN_500)) {
      return Resp.oauthError(500, "server_error", "oops! something went wrong");
    }
    synchronized (store) {
      ClientAuthentication.Outcome auth = clientAuthentication.authenticate(req);
      if (auth.error() != null) {
        return auth.error();
      }
      RegisteredClient client = auth.client();
      String grantType = req.formParam("grant_type");
      if (grantType == null) {
        return Resp.oauthError(400, "invalid_request", "missing required parameter 'grant_type'");
      }
      Resp response =
          switch (grantType) {
            case "authorization_code" -> authorizationCodeGrant.redeem(req, client);
            case "refresh_token" -> refreshTokenGrant.redeem(req, client);
            case "client_credentials" -> clientCredentialsGrant.redeem(req, client);
            default ->
                Resp.oauthError(
                    400,
                    "unsupported_grant_type",
                    "unsupported grant_type requested (" + grantType + ")");
          };
      return response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }
  }
}

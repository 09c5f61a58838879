package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.util.List;

/**
 * {@code grant_type=client_credentials} for a registered machine-to-machine app, as Logto issues
 * Management API tokens: exactly one {@code resource}, the Management API's indicator, and only its
 * scope {@code all} (none asked means all granted). Errors use node-oidc-provider's words.
 */
final class ClientCredentialsGrant {
  private final ProviderStore store;
  private final ManagementApi managementApi;

  ClientCredentialsGrant(ProviderStore store, ManagementApi managementApi) {
    this.store = store;
    this.managementApi = managementApi;
  }

  /** Call with the store locked. */
  Resp redeem(Req req, RegisteredClient client) {
    if (!store.machineToMachineClients.contains(client.id())) {
      return Resp.oauthError(
          400, "unauthorized_client", "requested grant type is not allowed for this client");
    }
    List<String> resources = req.params("resource");
    if (resources.size() > 1) {
      return Resp.oauthError(400, "invalid_target", "only a single resource indicator value");
    }
    if (resources.isEmpty() || !resources.get(0).equals(managementApi.resource())) {
      return Resp.oauthError(400, "invalid_target", "resource indicator is missing, or unknown");
    }
    String scope = req.param("scope");
    if (scope != null) {
      for (String requested : scope.trim().split(" +")) {
        if (!requested.isEmpty() && !"all".equals(requested)) {
          return Resp.oauthError(400, "invalid_scope", "requested scope is not allowed");
        }
      }
    }
    return managementApi.issueToken();
  }
}

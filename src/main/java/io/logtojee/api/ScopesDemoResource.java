package io.logtojee.api;

import io.logtojee.api.security.AcceptsBearer;
import io.logtojee.api.security.CallerContexts;
import io.logtojee.api.security.RequiresScope;
import io.logtojee.auth.token.AccessTokenClaims;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example of a scope-protected API: callable only with a Logto access token for the configured
 * API resource that carries the {@value #SCOPE} permission. Copy its two annotations to protect
 * your own resources.
 */
@Path("/scopes-demo")
@AcceptsBearer
@Produces(MediaType.APPLICATION_JSON)
public class ScopesDemoResource {

  /** The permission to define on the API resource in Logto and grant through a role. */
  public static final String SCOPE = "read:demo";

  @GET
  @RequiresScope(SCOPE)
  public Map<String, Object> read(@Context SecurityContext security) {
    AccessTokenClaims token = CallerContexts.tokenOf(security).orElseThrow();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("message", "Your token carries " + SCOPE);
    answer.put("sub", token.sub());
    answer.put("scopes", token.scopes());
    return answer;
  }
}

package io.logtojee.api;

import io.logtojee.api.security.AcceptsBearer;
import io.logtojee.api.security.BearerAuthenticationFilter;
import io.logtojee.auth.token.AccessTokenClaims;
import io.logtojee.auth.token.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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

  @Context private ContainerRequestContext requestContext;

  @GET
  @RequiresScope(SCOPE)
  public Map<String, Object> read() {
    AccessTokenClaims token =
        (AccessTokenClaims) requestContext.getProperty(BearerAuthenticationFilter.CLAIMS);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("message", "Your token carries " + SCOPE);
    answer.put("sub", token.sub());
    answer.put("scopes", token.scopes());
    return answer;
  }
}

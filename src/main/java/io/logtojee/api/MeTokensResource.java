package io.logtojee.api;

import io.logtojee.auth.SessionTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Diagnostics for the signed-in user: the claims of their ID token and of the API and organization
 * tokens the application obtains for them. Tokens themselves never leave the server.
 */
@Path("/me/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class MeTokensResource {

  private final SessionTokens sessionTokens;

  public MeTokensResource(SessionTokens sessionTokens) {
    this.sessionTokens = sessionTokens;
  }

  @GET
  public Map<String, Object> tokens(
      @QueryParam("resource") String resource,
      @QueryParam("organization") String organization,
      @QueryParam("userinfo") boolean refreshUserInfo,
      @Context HttpServletRequest request,
      @Context HttpServletResponse response) {
    return sessionTokens.describe(request, response, resource, organization, refreshUserInfo);
  }
}

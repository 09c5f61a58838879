package io.logtojee.api;

import io.logtojee.api.security.AcceptsBearer;
import io.logtojee.api.security.BearerAuthenticationFilter;
import io.logtojee.app.AppServices;
import io.logtojee.auth.token.AccessTokenClaims;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Who is calling: a REST client with a Logto access token, or the browser session. Always 200 for a
 * signed-out caller: that is an answer, not an error, and scripts must never be redirected to a
 * sign-in page.
 */
@Path("/me")
@AcceptsBearer
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Context private ServletContext servletContext;
  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;
  @Context private ContainerRequestContext requestContext;

  @GET
  public MeResponse me() {
    if (requestContext.getProperty(BearerAuthenticationFilter.CLAIMS)
        instanceof AccessTokenClaims token) {
      return MeResponse.of(token);
    }
    return AppServices.from(servletContext)
        .signIn()
        .currentUser()
        .of(request, response)
        .map(MeResponse::of)
        .orElseGet(MeResponse::signedOut);
  }
}

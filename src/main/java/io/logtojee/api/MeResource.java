package io.logtojee.api;

import io.logtojee.app.AppServices;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Who is signed in. Always 200: a signed-out caller is an answer, not an error, and scripts must
 * never be redirected to a sign-in page.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Context private ServletContext servletContext;
  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;

  @GET
  public MeResponse me() {
    return AppServices.from(servletContext)
        .signIn()
        .currentUser()
        .of(request, response)
        .map(MeResponse::of)
        .orElseGet(MeResponse::signedOut);
  }
}

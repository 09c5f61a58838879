package io.logtojee.api;

import io.logtojee.api.security.AcceptsBearer;
import io.logtojee.api.security.CallerContexts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who is calling: a REST client with a Logto access token, or the browser session. Always 200 for a
 * signed-out caller: that is an answer, not an error, and scripts must never be redirected to a
 * sign-in page.
 */
@Path("/me")
@AcceptsBearer
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @GET
  public MeResponse me(@Context SecurityContext security) {
    return CallerContexts.callerOf(security).map(MeResponse::of).orElseGet(MeResponse::signedOut);
  }
}

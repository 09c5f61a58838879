package io.logtojee.api;

import io.logtojee.auth.session.BackChannelLogout;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * OpenID Connect back-channel logout: Logto POSTs a {@code logout_token} here when a user's Logto
 * session ends, and every local session of that Logto session (or user) ends too. Register {@code
 * <APP_BASE_URL>/api/backchannel-logout} in Logto.
 */
@Path("/backchannel-logout")
@Produces(MediaType.APPLICATION_JSON)
public class BackChannelLogoutResource {

  private final BackChannelLogout backChannelLogout;

  public BackChannelLogoutResource(BackChannelLogout backChannelLogout) {
    this.backChannelLogout = backChannelLogout;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(MultivaluedMap<String, String> form) {
    List<String> tokens = form.get("logout_token");
    if (tokens == null || tokens.size() != 1 || tokens.get(0).isBlank()) {
      throw new CodedException(RequestError.INVALID_REQUEST, "Send exactly one logout_token");
    }
    backChannelLogout.logout(tokens.get(0));
    // 200 also when nothing was left to end: the outcome Logto asked for holds (OIDC BCL 2.8).
    return Response.ok().header("Cache-Control", "no-store").build();
  }

  @GET
  public Response refuseGet() {
    throw new CodedException(
        RequestError.INVALID_REQUEST, "Back-channel logout accepts a form POST only");
  }
}

package io.logtojee.api;

import io.logtojee.api.error.ApiError;
import io.logtojee.app.AppServices;
import io.logtojee.auth.session.LiveSessions;
import io.logtojee.auth.token.InvalidTokenException;
import io.logtojee.auth.token.LogoutRequest;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * OpenID Connect back-channel logout: Logto POSTs a {@code logout_token} here when a user's Logto
 * session ends, and every local session of that Logto session (or user) ends too. The logout is
 * also recorded in {@code RevokedSessions} so that nodes which did not receive it refuse the
 * sessions they hold. Register {@code <APP_BASE_URL>/api/backchannel-logout} in Logto.
 */
@Path("/backchannel-logout")
@Produces(MediaType.APPLICATION_JSON)
public class BackChannelLogoutResource {

  private static final Logger LOG = Logger.getLogger(BackChannelLogoutResource.class.getName());

  @Context private ServletContext servletContext;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(MultivaluedMap<String, String> form) {
    List<String> tokens = form.get("logout_token");
    if (tokens == null || tokens.size() != 1 || tokens.get(0).isBlank()) {
      return ApiError.of("invalid_request", "Send exactly one logout_token").toResponse(400);
    }
    AppServices services = AppServices.from(servletContext);
    LogoutRequest logout;
    try {
      logout = services.tokens().logoutTokens().validate(tokens.get(0));
    } catch (InvalidTokenException e) {
      LOG.warning("Back-channel logout refused: " + e.reason().code());
      return ApiError.of("invalid_logout_token", e.reason().description()).toResponse(400);
    }
    services.signIn().revokedSessions().revoke(logout);
    LiveSessions live = services.signIn().liveSessions();
    Set<String> sessions =
        services.signIn().sessionDirectory().sessionsFor(logout.sub(), logout.sid());
    int ended = 0;
    for (String sessionId : sessions) {
      if (live.invalidate(sessionId)) {
        ended++;
      }
    }
    LOG.info("Back-channel logout ended " + ended + " local session(s)");
    // 200 also when nothing was left to end: the outcome Logto asked for holds (OIDC BCL 2.8).
    return Response.ok().header("Cache-Control", "no-store").build();
  }

  @GET
  public Response refuseGet() {
    return ApiError.of("invalid_request", "Back-channel logout accepts a form POST only")
        .toResponse(400);
  }
}

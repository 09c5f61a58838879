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
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

  /**
   * Reads the form itself, as a stream the request's size cap governs, rather than through the
   * container's or Jersey's form parsing, which buffer a body before anything can refuse it.
   */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(InputStream body) throws IOException {
    String form = new String(body.readAllBytes(), StandardCharsets.US_ASCII);
    List<String> tokens;
    try {
      tokens = logoutTokens(form);
    } catch (IllegalArgumentException malformed) {
      throw new CodedException(RequestError.INVALID_REQUEST, "The form is not URL-encoded");
    }
    if (tokens.size() != 1 || tokens.get(0).isBlank()) {
      throw new CodedException(RequestError.INVALID_REQUEST, "Send exactly one logout_token");
    }
    backChannelLogout.logout(tokens.get(0));
    // 200 also when nothing was left to end: the outcome Logto asked for holds (OIDC BCL 2.8).
    return Response.ok().header("Cache-Control", "no-store").build();
  }

  private static List<String> logoutTokens(String form) {
    List<String> tokens = new ArrayList<>();
    for (String field : form.split("&")) {
      int equals = field.indexOf('=');
      String name = equals < 0 ? field : field.substring(0, equals);
      if (URLDecoder.decode(name, StandardCharsets.UTF_8).equals("logout_token")) {
        tokens.add(
            equals < 0
                ? ""
                : URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return tokens;
  }

  @GET
  public Response refuseGet() {
    throw new CodedException(
        RequestError.INVALID_REQUEST, "Back-channel logout accepts a form POST only");
  }
}

package io.logtojee.api;

import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.logtojee.api.error.ApiError;
import io.logtojee.app.AppServices;
import io.logtojee.auth.CurrentUser;
import io.logtojee.auth.usertoken.AccessTokenResult;
import io.logtojee.auth.usertoken.GrantRevokedException;
import io.logtojee.auth.usertoken.ProviderUnavailableException;
import io.logtojee.auth.usertoken.TokenRequestRefusedException;
import io.logtojee.auth.usertoken.TokenTarget;
import io.logtojee.auth.usertoken.UserTokens;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * Diagnostics for the signed-in user: the claims of their ID token and of the API and organization
 * tokens the application obtains for them through the refresh token kept in the session. Tokens
 * themselves never leave the server. When Logto says the grant is gone, the session ends.
 */
@Path("/me/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class MeTokensResource {

  private static final List<String> REFRESHED_CLAIMS =
      List.of("name", "username", "picture", "email", "email_verified", "roles", "organizations");

  private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  @Context private ServletContext servletContext;
  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;

  @GET
  public Map<String, Object> tokens(
      @QueryParam("resource") String resource,
      @QueryParam("organization") String organization,
      @QueryParam("userinfo") boolean refreshUserInfo) {
    AppServices services = AppServices.from(servletContext);
    CurrentUser currentUser = services.signIn().currentUser();
    OidcProfile profile =
        currentUser
            .profile(request, response)
            .orElseThrow(() -> error(401, "not_signed_in", "Sign in first"));
    List<TokenTarget> targets = targets(services, resource, organization);

    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("idToken", idTokenClaims(profile));
    answer.put("refreshTokenKept", profile.getRefreshToken() != null);
    Map<String, Object> accessTokens = new LinkedHashMap<>();
    if (!targets.isEmpty() && profile.getRefreshToken() == null) {
      throw error(409, "no_refresh_token", "Logto issued no refresh token for this session");
    }
    UserTokens userTokens = services.tokens().userTokens();
    for (TokenTarget target : targets) {
      AccessTokenResult result =
          askLogto(currentUser, () -> userTokens.accessToken(profile.getRefreshToken(), target));
      if (result.newRefreshToken().isPresent()) {
        profile.setRefreshToken(result.newRefreshToken().get());
        currentUser.update(request, response, profile);
      }
      accessTokens.put(
          target.organizationId() != null
              ? "urn:logto:organization:" + target.organizationId()
              : target.resource(),
          UserTokens.claimsOf(result));
    }
    answer.put("accessTokens", accessTokens);
    if (refreshUserInfo) {
      answer.put("userInfo", refreshUserInfo(services, currentUser, profile));
    }
    return answer;
  }

  /**
   * Asks Logto's UserInfo endpoint again (with an opaque token from the refresh grant, the only
   * kind Logto accepts there) and stores the fresh profile claims in the session.
   */
  private Map<String, Object> refreshUserInfo(
      AppServices services, CurrentUser currentUser, OidcProfile profile) {
    if (profile.getRefreshToken() == null) {
      throw error(409, "no_refresh_token", "Logto issued no refresh token for this session");
    }
    UserInfo userInfo =
        askLogto(
            currentUser,
            () ->
                services
                    .tokens()
                    .userTokens()
                    .fetchUserInfo(profile.getRefreshToken(), profile.getId()));
    Map<String, Object> claims = userInfo.toJSONObject();
    for (String claim : REFRESHED_CLAIMS) {
      if (claims.containsKey(claim)) {
        profile.removeAttribute(claim);
        profile.addAttribute(claim, claims.get(claim));
      }
    }
    currentUser.update(request, response, profile);
    return claims;
  }

  /**
   * Calls Logto for this session; a grant that is gone ends the session, so the next request is
   * signed out instead of failing again.
   */
  private <T> T askLogto(CurrentUser currentUser, Supplier<T> call) {
    try {
      return call.get();
    } catch (GrantRevokedException e) {
      currentUser.end(request);
      throw error(401, "session_ended", "Logto no longer grants this session; sign in again");
    } catch (TokenRequestRefusedException e) {
      throw error(403, "token_refused", "Logto refused the token: " + e.error());
    } catch (ProviderUnavailableException e) {
      throw error(503, "identity_provider_unavailable", "Logto is not reachable right now");
    }
  }

  private static List<TokenTarget> targets(
      AppServices services, String resource, String organization) {
    if (resource != null && organization != null) {
      throw error(400, "invalid_parameter", "Ask for a resource or an organization, not both");
    }
    if (organization != null) {
      if (!ORGANIZATION_ID.matcher(organization).matches()) {
        throw error(400, "invalid_parameter", "organization must be a Logto organization id");
      }
      return List.of(TokenTarget.organization(organization));
    }
    List<String> configured = services.settings().apiResources();
    if (resource != null) {
      if (!configured.contains(resource)) {
        throw error(400, "invalid_parameter", "resource must be one of LOGTO_API_RESOURCE");
      }
      return List.of(TokenTarget.resource(resource));
    }
    return configured.stream().map(TokenTarget::resource).toList();
  }

  private static Map<String, Object> idTokenClaims(OidcProfile profile) {
    try {
      return profile.getIdToken() == null
          ? Map.of()
          : profile.getIdToken().getJWTClaimsSet().toJSONObject();
    } catch (ParseException e) {
      return Map.of();
    }
  }

  private static WebApplicationException error(int status, String code, String message) {
    return new WebApplicationException(ApiError.of(code, message).toResponse(status));
  }
}

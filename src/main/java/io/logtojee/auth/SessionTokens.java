package io.logtojee.auth;

import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.logtojee.auth.usertoken.AccessTokenResult;
import io.logtojee.auth.usertoken.GrantRevokedException;
import io.logtojee.auth.usertoken.ProviderUnavailableException;
import io.logtojee.auth.usertoken.TokenRequestRefusedException;
import io.logtojee.auth.usertoken.TokenTarget;
import io.logtojee.auth.usertoken.UserTokenError;
import io.logtojee.auth.usertoken.UserTokens;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * The tokens of a signed-in user's session: the claims of their ID token, and API and organization
 * tokens obtained through the refresh token kept in the session, whose rotation and refreshed
 * UserInfo claims are written back to the session here. Tokens themselves never leave the server.
 * When Logto says the grant is gone, the session ends.
 */
public final class SessionTokens {

  private static final List<String> REFRESHED_CLAIMS =
      List.of("name", "username", "picture", "email", "email_verified", "roles", "organizations");

  private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final CurrentUser currentUser;
  private final UserTokens userTokens;
  private final List<String> apiResources;

  /**
   * @param apiResources the API resources of LOGTO_API_RESOURCE, the only ones a user may ask for
   */
  public SessionTokens(CurrentUser currentUser, UserTokens userTokens, List<String> apiResources) {
    this.currentUser = currentUser;
    this.userTokens = userTokens;
    this.apiResources = List.copyOf(apiResources);
  }

  /**
   * Describes the session's tokens: the ID token's claims, whether a refresh token is kept, the
   * claims of an access token per target, and, when asked, fresh UserInfo claims.
   *
   * @param resource one configured API resource, or null for all of them
   * @param organization a Logto organization id, or null
   * @param refreshUserInfo whether to ask Logto's UserInfo endpoint again and store the answer
   * @throws CodedException when nobody is signed in, a parameter is wrong, or Logto refuses
   */
  public Map<String, Object> describe(
      HttpServletRequest request,
      HttpServletResponse response,
      String resource,
      String organization,
      boolean refreshUserInfo) {
    OidcProfile profile =
        currentUser
            .profile(request, response)
            .orElseThrow(() -> new CodedException(AccessError.NOT_SIGNED_IN, "Sign in first"));
    List<TokenTarget> targets = targets(resource, organization);

    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("idToken", idTokenClaims(profile));
    answer.put("refreshTokenKept", profile.getRefreshToken() != null);
    if (!targets.isEmpty()) {
      requireRefreshToken(profile);
    }
    Map<String, Object> accessTokens = new LinkedHashMap<>();
    for (TokenTarget target : targets) {
      AccessTokenResult result =
          askLogto(request, () -> userTokens.accessToken(profile.getRefreshToken(), target));
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
      answer.put("userInfo", refreshUserInfo(request, response, profile));
    }
    return answer;
  }

  /**
   * Asks Logto's UserInfo endpoint again (with an opaque token from the refresh grant, the only
   * kind Logto accepts there) and stores the fresh profile claims in the session.
   */
  private Map<String, Object> refreshUserInfo(
      HttpServletRequest request, HttpServletResponse response, OidcProfile profile) {
    requireRefreshToken(profile);
    UserInfo userInfo =
        askLogto(
            request, () -> userTokens.fetchUserInfo(profile.getRefreshToken(), profile.getId()));
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

  private static void requireRefreshToken(OidcProfile profile) {
    if (profile.getRefreshToken() == null) {
      throw new CodedException(
          UserTokenError.NO_REFRESH_TOKEN, "Logto issued no refresh token for this session");
    }
  }

  /**
   * Calls Logto for this session; a grant that is gone ends the session, so the next request is
   * signed out instead of failing again.
   */
  private <T> T askLogto(HttpServletRequest request, Supplier<T> call) {
    try {
      return call.get();
    } catch (GrantRevokedException e) {
      currentUser.end(request);
      throw new CodedException(
          UserTokenError.SESSION_ENDED, "Logto no longer grants this session; sign in again");
    } catch (TokenRequestRefusedException e) {
      throw new CodedException(
          UserTokenError.TOKEN_REFUSED, "Logto refused the token: " + e.error());
    } catch (ProviderUnavailableException e) {
      throw new CodedException(
          UserTokenError.PROVIDER_UNAVAILABLE, "Logto is not reachable right now");
    }
  }

  private List<TokenTarget> targets(String resource, String organization) {
    if (resource != null && organization != null) {
      throw invalidParameter("Ask for a resource or an organization, not both");
    }
    if (organization != null) {
      if (!ORGANIZATION_ID.matcher(organization).matches()) {
        throw invalidParameter("organization must be a Logto organization id");
      }
      return List.of(TokenTarget.organization(organization));
    }
    if (resource != null) {
      if (!apiResources.contains(resource)) {
        throw invalidParameter("resource must be one of LOGTO_API_RESOURCE");
      }
      return List.of(TokenTarget.resource(resource));
    }
    return apiResources.stream().map(TokenTarget::resource).toList();
  }

  private static CodedException invalidParameter(String message) {
    return new CodedException(RequestError.INVALID_PARAMETER, message);
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
}

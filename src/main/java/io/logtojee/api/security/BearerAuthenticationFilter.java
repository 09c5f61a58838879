package io.logtojee.api.security;

import io.logtojee.api.error.ApiError;
import io.logtojee.app.AppServices;
import io.logtojee.auth.token.AccessTokenClaims;
import io.logtojee.auth.token.BearerHeaders;
import io.logtojee.auth.token.InvalidTokenException;
import io.logtojee.auth.token.ScopeCheck;
import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer} calls with Logto access tokens and enforces the
 * scopes a resource declares with {@code @RequiresScope}. A Bearer call never touches the HTTP
 * session and never reaches pac4j's OIDC profile creator (which would look up a session nonce,
 * pac4j PR #4007). Failures follow RFC 6750: 401 {@code invalid_token}, 403 {@code
 * insufficient_scope}, each with a {@code WWW-Authenticate} challenge and a JSON body.
 */
@Provider
@AcceptsBearer
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthenticationFilter implements ContainerRequestFilter {

  /** The request property holding the verified {@link AccessTokenClaims} of a Bearer call. */
  public static final String CLAIMS = BearerAuthenticationFilter.class.getName() + ".claims";

  @Context private ServletContext servletContext;
  @Context private ResourceInfo resourceInfo;

  @Override
  public void filter(ContainerRequestContext request) {
    Set<String> required =
        ScopeCheck.requiredScopes(
            resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Optional<String> token = BearerHeaders.tokenOf(authorization);
    if (token.isEmpty()) {
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)) {
        request.abortWith(
            challenge(
                401,
                BearerHeaders.missingTokenChallenge(),
                "invalid_request",
                "The Bearer token is empty"));
      } else if (!required.isEmpty()) {
        request.abortWith(
            challenge(
                401,
                BearerHeaders.missingTokenChallenge(),
                "invalid_token",
                "This API needs a Logto access token"));
      }
      return;
    }
    AccessTokenClaims claims;
    try {
      claims = AppServices.from(servletContext).tokens().bearer().validate(token.get());
    } catch (InvalidTokenException e) {
      if (e.isProviderFault()) {
        request.abortWith(
            ApiError.of("identity_provider_unavailable", e.reason().description()).toResponse(503));
      } else {
        request.abortWith(
            challenge(
                401,
                BearerHeaders.invalidTokenChallenge(e.reason()),
                "invalid_token",
                e.reason().description()));
      }
      return;
    }
    Set<String> missing = ScopeCheck.missingScopes(claims, required);
    if (!missing.isEmpty()) {
      request.abortWith(
          challenge(
              403,
              BearerHeaders.insufficientScopeChallenge(required),
              "insufficient_scope",
              "The token lacks the scope " + String.join(" ", missing)));
      return;
    }
    request.setProperty(CLAIMS, claims);
  }

  private static Response challenge(int status, String challenge, String code, String message) {
    return Response.fromResponse(new ApiError(code, message, Map.of()).toResponse(status))
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }
}

package io.logtojee.api.admin;

import io.logtojee.api.security.CallerContexts;
import io.logtojee.api.security.SameOrigin;
import io.logtojee.api.security.SessionLookup;
import io.logtojee.auth.AccessError;
import io.logtojee.auth.Caller;
import io.logtojee.auth.SignedInUser;
import io.logtojee.error.CodedException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Lets through only signed-in users whose verified claims hold the admin role, and for anything
 * that changes state only same-origin requests carrying {@link SameOrigin#REQUIRED_HEADER}. A
 * custom header cannot be sent cross-site without a CORS preflight, which this application never
 * approves; the Origin and Sec-Fetch-Site checks refuse what browsers mark as cross-site anyway.
 */
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public final class AdminAccessFilter implements ContainerRequestFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final SessionLookup sessions;
  private final String adminRole;
  private final String appBaseUrl;

  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;

  /**
   * @param adminRole the Logto role an administrator holds
   * @param appBaseUrl this application's public URL, whose origin is the only one allowed to change
   *     state
   */
  public AdminAccessFilter(SessionLookup sessions, String adminRole, String appBaseUrl) {
    this.sessions = sessions;
    this.adminRole = adminRole;
    this.appBaseUrl = appBaseUrl;
  }

  @Override
  public void filter(ContainerRequestContext context) {
    Optional<SignedInUser> user = sessions.signedIn(request, response);
    if (user.isEmpty()) {
      throw new CodedException(AccessError.NOT_SIGNED_IN, "Sign in as an administrator");
    }
    if (!user.get().hasRole(adminRole)) {
      throw new CodedException(AccessError.FORBIDDEN, "This needs the '" + adminRole + "' role");
    }
    if (!SAFE_METHODS.contains(context.getMethod())) {
      Optional<String> refusal = SameOrigin.refusal(context, appBaseUrl);
      if (refusal.isPresent()) {
        throw new CodedException(AccessError.CROSS_SITE_REQUEST, refusal.get());
      }
    }
    CallerContexts.identify(context, Caller.session(user.get()));
  }
}

package io.logtojee.api.admin;

import io.logtojee.api.error.ApiError;
import io.logtojee.api.security.SameOrigin;
import io.logtojee.app.AppServices;
import io.logtojee.auth.SignedInUser;
import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;

/**
 * Lets through only signed-in users whose verified claims hold the admin role, and for anything
 * that changes state only same-origin requests carrying {@link SameOrigin#REQUIRED_HEADER}. A
 * custom header cannot be sent cross-site without a CORS preflight, which this application never
 * approves; the Origin and Sec-Fetch-Site checks refuse what browsers mark as cross-site anyway.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public final class AdminAccessFilter implements ContainerRequestFilter {

  static final String ADMIN_USER = AdminAccessFilter.class.getName() + ".user";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Context private ServletContext servletContext;
  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;

  @Override
  public void filter(ContainerRequestContext context) {
    AppServices services = AppServices.from(servletContext);
    Optional<SignedInUser> user = services.signIn().currentUser().of(request, response);
    if (user.isEmpty()) {
      context.abortWith(
          ApiError.of("not_signed_in", "Sign in as an administrator").toResponse(401));
      return;
    }
    if (!user.get().hasRole(services.settings().adminRole())) {
      context.abortWith(
          ApiError.of("forbidden", "This needs the '" + services.settings().adminRole() + "' role")
              .toResponse(403));
      return;
    }
    if (!SAFE_METHODS.contains(context.getMethod())) {
      Optional<String> refusal = SameOrigin.refusal(context, services.settings().appBaseUrl());
      if (refusal.isPresent()) {
        context.abortWith(ApiError.of("cross_site_request", refusal.get()).toResponse(403));
        return;
      }
    }
    context.setProperty(ADMIN_USER, user.get());
  }
}

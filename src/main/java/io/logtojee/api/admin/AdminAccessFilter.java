package io.logtojee.api.admin;

import io.logtojee.api.error.ApiError;
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
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Lets through only signed-in users whose verified claims hold the admin role, and for anything
 * that changes state only same-origin requests carrying {@value #CSRF_HEADER}. A custom header
 * cannot be sent cross-site without a CORS preflight, which this application never approves; the
 * Origin and Sec-Fetch-Site checks refuse what browsers mark as cross-site anyway.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public final class AdminAccessFilter implements ContainerRequestFilter {

  /** The header the admin console sends with every state-changing request. */
  public static final String CSRF_HEADER = "X-Requested-By";

  static final String ADMIN_USER = AdminAccessFilter.class.getName() + ".user";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

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
      Optional<String> refusal = crossSiteRefusal(context, services.settings().appBaseUrl());
      if (refusal.isPresent()) {
        context.abortWith(ApiError.of("cross_site_request", refusal.get()).toResponse(403));
        return;
      }
    }
    context.setProperty(ADMIN_USER, user.get());
  }

  static Optional<String> crossSiteRefusal(ContainerRequestContext context, String appBaseUrl) {
    String fetchSite = context.getHeaderString("Sec-Fetch-Site");
    if (fetchSite != null && !SAME_SITE_FETCHES.contains(fetchSite.toLowerCase(Locale.ROOT))) {
      return Optional.of("Cross-site requests cannot change the configuration");
    }
    String origin = context.getHeaderString("Origin");
    if (origin != null && !origin.equalsIgnoreCase(originOf(appBaseUrl))) {
      return Optional.of("Requests from another origin cannot change the configuration");
    }
    if (context.getHeaderString(CSRF_HEADER) == null) {
      return Optional.of("Send the " + CSRF_HEADER + " header from the admin console");
    }
    return Optional.empty();
  }

  static String originOf(String url) {
    URI uri = URI.create(url);
    String origin = uri.getScheme() + "://" + uri.getHost();
    return uri.getPort() == -1 ? origin : origin + ":" + uri.getPort();
  }
}

package io.logtojee.api.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells whether a cookie-authenticated request that changes state comes from this application's own
 * pages. A custom header cannot be sent cross-site without a CORS preflight, which this application
 * never approves; Origin and Sec-Fetch-Site refuse what browsers mark as cross-site.
 */
public final class SameOrigin {

  /** The header this application's pages send with every state-changing request. */
  public static final String REQUIRED_HEADER = "X-Requested-By";

  private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

  private SameOrigin() {}

  /** Why the request must be refused, or empty when it may proceed. */
  public static Optional<String> refusal(ContainerRequestContext context, String appBaseUrl) {
    String fetchSite = context.getHeaderString("Sec-Fetch-Site");
    if (fetchSite != null && !SAME_SITE_FETCHES.contains(fetchSite.toLowerCase(Locale.ROOT))) {
      return Optional.of("Cross-site requests cannot change anything here");
    }
    String origin = context.getHeaderString("Origin");
    if (origin != null && !origin.equalsIgnoreCase(originOf(appBaseUrl))) {
      return Optional.of("Requests from another origin cannot change anything here");
    }
    if (context.getHeaderString(REQUIRED_HEADER) == null) {
      return Optional.of("Send the " + REQUIRED_HEADER + " header from the application's pages");
    }
    return Optional.empty();
  }

  /** The origin of an absolute URL, as browsers write it in the Origin header. */
  public static String originOf(String url) {
    URI uri = URI.create(url);
    String origin = uri.getScheme() + "://" + uri.getHost();
    return uri.getPort() == -1 ? origin : origin + ":" + uri.getPort();
  }
}

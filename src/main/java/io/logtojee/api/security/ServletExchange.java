package io.logtojee.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * The container's own request and response of an API call, kept as request attributes by the API
 * servlet so that filters can use them directly. Jersey hands a singleton filter {@code @Context}
 * proxies instead, and each call on such a proxy looks the request up again and builds a factory
 * for it; a session check makes about ten such calls, which cost more than the rest of {@code GET
 * /api/me}. A request property of Jersey is a servlet request attribute, read without a proxy.
 */
public final class ServletExchange {
  static final String REQUEST = ServletExchange.class.getName() + ".request";
  static final String RESPONSE = ServletExchange.class.getName() + ".response";

  /** The pair, when the API servlet recorded it. */
  public record Pair(HttpServletRequest request, HttpServletResponse response) {}

  private ServletExchange() {}

  /** Called by the API servlet before Jersey sees the request. */
  public static void record(HttpServletRequest request, HttpServletResponse response) {
    request.setAttribute(REQUEST, request);
    request.setAttribute(RESPONSE, response);
  }

  /** The recorded pair of this call, if the API servlet recorded it. */
  public static Optional<Pair> of(ContainerRequestContext context) {
    return context.getProperty(REQUEST) instanceof HttpServletRequest request
            && context.getProperty(RESPONSE) instanceof HttpServletResponse response
        ? Optional.of(new Pair(request, response))
        : Optional.empty();
  }
}

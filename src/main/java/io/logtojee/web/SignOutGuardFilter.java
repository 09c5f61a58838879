package io.logtojee.web;

import io.logtojee.api.security.SameOrigin;
import io.logtojee.auth.AccessError;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import io.logtojee.text.Html;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Stands in front of pac4j's logout filter so that no other site can sign a user out. The
 * application's pages sign out with a POST, which must come from this origin; a GET signs out at
 * once only when the browser says it comes from this origin or from the user (a bookmark, the
 * address bar), and a link on another site gets a small page asking the user to confirm.
 *
 * <p>Fetch Metadata ({@code Sec-Fetch-Site}) decides where browsers send it; the Origin header
 * cannot, because this application's {@code Referrer-Policy: no-referrer} makes browsers send
 * {@code Origin: null} with a form POST. Clients that send neither (scripts, very old browsers) are
 * not browsers another site can steer, and sign out as they ask.
 */
final class SignOutGuardFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Set<String> OWN_NAVIGATIONS = Set.of("same-origin", "none");

  private final String appOrigin;

  SignOutGuardFilter(String appBaseUrl) {
    this.appOrigin = SameOrigin.originOf(appBaseUrl);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String method = request.getMethod();
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    boolean ownNavigation =
        fetchSite == null || OWN_NAVIGATIONS.contains(fetchSite.toLowerCase(Locale.ROOT));
    if ("POST".equals(method)) {
      String origin = request.getHeader("Origin");
      boolean ownOrigin =
          fetchSite != null ? ownNavigation : origin == null || origin.equalsIgnoreCase(appOrigin);
      if (!ownOrigin) {
        WebResponses.error(
            request,
            response,
            new CodedException(
                AccessError.CROSS_SITE_REQUEST, "Another site cannot sign you out of this one."));
        return;
      }
      chain.doFilter(request, response);
    } else if ("GET".equals(method) || "HEAD".equals(method)) {
      if (ownNavigation) {
        chain.doFilter(request, response);
      } else {
        confirm(request, response);
      }
    } else {
      response.setHeader("Allow", "GET, HEAD, POST");
      WebResponses.error(
          request,
          response,
          new CodedException(RequestError.METHOD_NOT_ALLOWED, "Sign out with POST or GET"));
    }
  }

  /** A page that signs out only if the user presses its button (a same-origin POST). */
  private static void confirm(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String base = Html.escape(request.getContextPath());
    response.setHeader("Cache-Control", "no-store");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType("text/html;charset=UTF-8");
    response
        .getWriter()
        .write(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Sign out?</title><link rel=\"stylesheet\" href=\""
                + base
                + "/app.css\"></head><body><main class=\"card\"><h1>Sign out?</h1>"
                + "<p>A link on another site asked to sign you out.</p>"
                + "<form method=\"post\" action=\""
                + base
                + "/sign-out\"><button class=\"button\" id=\"confirm-sign-out\" type=\"submit\">"
                + "Sign out</button> <a href=\""
                + base
                + "/\" id=\"stay-signed-in\">Stay signed in</a></form></main></body></html>");
  }
}

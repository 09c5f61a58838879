package io.logtojee.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer carries. {@code Referrer-Policy: no-referrer} matters most: the callback URL
 * holds an authorization code that must not leak to the next site through the Referer header.
 */
final class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private final String contentSecurityPolicy;

  /**
   * @param logtoOrigin Logto's origin: the sign-out form posts here and is redirected there, and
   *     browsers apply {@code form-action} to that redirect too
   */
  SecurityHeadersFilter(String logtoOrigin) {
    this.contentSecurityPolicy =
        "default-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self' "
            + logtoOrigin;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    chain.doFilter(request, response);
  }
}

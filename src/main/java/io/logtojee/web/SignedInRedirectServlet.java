package io.logtojee.web;

import io.logtojee.auth.LogtoSignIn;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Reached through pac4j's security filter only when the user is already signed in: sends them on to
 * the validated return path.
 */
final class SignedInRedirectServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final String appBaseUrl;

  SignedInRedirectServlet(String appBaseUrl) {
    this.appBaseUrl = appBaseUrl;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = "/";
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(LogtoSignIn.RETURN_TO) instanceof String saved) {
      path = RedirectTargets.safePathOrHome(saved);
      session.removeAttribute(LogtoSignIn.RETURN_TO);
    }
    response.setHeader("Cache-Control", "no-store");
    response.sendRedirect(appBaseUrl + path);
  }
}

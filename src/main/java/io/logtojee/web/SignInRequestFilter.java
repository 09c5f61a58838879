package io.logtojee.web;

import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.auth.SignInFailure;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * Runs in front of pac4j's security filter on {@code /sign-in} and {@code /sign-up}: refuses
 * parameters Logto would silently drop, answers 503 while Logto is unreachable instead of a stack
 * trace, stores where to return, and keeps the sessions of unfinished sign-ins short-lived.
 */
final class SignInRequestFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** How long a sign-in that was started but not finished keeps its session. */
  static final Duration PENDING_SIGN_IN_LIFETIME = Duration.ofMinutes(10);

  private final transient LogtoSignIn signIn;
  private final transient PendingSignIns pendingSignIns;

  SignInRequestFilter(LogtoSignIn signIn, PendingSignIns pendingSignIns) {
    this.signIn = signIn;
    this.pendingSignIns = pendingSignIns;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      response.setHeader("Allow", "GET, HEAD");
      WebResponses.error(
          request,
          response,
          new CodedException(RequestError.METHOD_NOT_ALLOWED, "Use GET to start a sign-in"));
      return;
    }
    String[] returnTo = request.getParameterValues("returnTo");
    Map<String, String> logtoParameters;
    try {
      if (returnTo != null && returnTo.length > 1) {
        throw new LogtoParameters.InvalidParameter("returnTo", "returnTo must be given once");
      }
      String implied = request.getServletPath().equals("/sign-up") ? "register" : null;
      logtoParameters = LogtoParameters.validate(request.getParameterMap(), implied);
    } catch (LogtoParameters.InvalidParameter e) {
      WebResponses.error(
          request,
          response,
          new CodedException(
              RequestError.INVALID_PARAMETER, e.getMessage(), Map.of("parameter", e.name())));
      return;
    }
    if (!signIn.isReady()) {
      WebResponses.error(
          request,
          response,
          new CodedException(
              SignInFailure.PROVIDER_UNAVAILABLE,
              "Sign-in is unavailable because Logto cannot be reached. Try again shortly.",
              Map.of(),
              LogtoSignIn.retryAfter(),
              null));
      return;
    }
    HttpSession session = request.getSession(true);
    if (session.isNew()) {
      session.setMaxInactiveInterval((int) PENDING_SIGN_IN_LIFETIME.toSeconds());
      pendingSignIns.started(session);
    }
    // pac4j answers 401 instead of redirecting once an attempt failed, to stop automatic loops.
    // A click on "Sign in" is a new attempt by the user, and failures here show a page anyway.
    session.removeAttribute(
        LogtoSignIn.CLIENT_NAME + IndirectClient.ATTEMPTED_AUTHENTICATION_SUFFIX);
    session.setAttribute(
        LogtoSignIn.RETURN_TO,
        RedirectTargets.safePathOrHome(returnTo == null ? null : returnTo[0]));
    Map<String, String> authorizationParameters =
        new LinkedHashMap<>(signIn.authorizationParameters());
    authorizationParameters.putAll(logtoParameters);
    request.setAttribute(OidcConfiguration.CUSTOM_PARAMS, authorizationParameters);
    chain.doFilter(request, response);
  }
}

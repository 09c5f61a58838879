package io.logtojee.web;

import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.SignInFailure;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Stands in front of pac4j's callback filter. pac4j 6.5.5 accepts a bare {@code access_token} or
 * {@code id_token} on the callback and builds a session from it without checking issuer, audience
 * or nonce (CVE-2026-82462), and treats {@code logout_token} and {@code sid} parameters as logouts
 * whatever the method. Only the authorization-code response Logto actually sends gets through.
 */
final class CallbackGuardFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Set<String> FORBIDDEN =
      Set.of("access_token", "id_token", "token_type", "logout_token", "sid", "expires_in");

  private final transient LogtoSignIn signIn;
  private final String issuer;

  CallbackGuardFilter(LogtoSignIn signIn, String issuer) {
    this.signIn = signIn;
    this.issuer = issuer;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Map<String, String[]> parameters = request.getParameterMap();
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (FORBIDDEN.contains(parameter.getKey())) {
        reject(request, response, "The callback does not accept " + parameter.getKey());
        return;
      }
      if (parameter.getValue().length != 1) {
        reject(request, response, "Parameter " + parameter.getKey() + " is repeated");
        return;
      }
    }
    if (!"GET".equals(request.getMethod())) {
      response.setHeader("Allow", "GET");
      WebResponses.error(
          request,
          response,
          new CodedException(
              RequestError.METHOD_NOT_ALLOWED, "The sign-in callback accepts GET only"));
      return;
    }
    boolean hasCode = parameters.containsKey("code");
    boolean hasError = parameters.containsKey("error");
    if (!parameters.containsKey("state") || hasCode == hasError) {
      reject(request, response, "The callback needs state with either code or error");
      return;
    }
    String responseIssuer = request.getParameter("iss");
    if (responseIssuer != null && !responseIssuer.equals(issuer)) {
      reject(request, response, "The authorization response comes from another issuer");
      return;
    }
    if (hasError) {
      fail(request, response, SignInFailure.PROVIDER_ERROR);
      return;
    }
    if (!signIn.isReady()) {
      WebResponses.error(
          request,
          response,
          new CodedException(
              SignInFailure.PROVIDER_UNAVAILABLE,
              SignInFailure.PROVIDER_UNAVAILABLE.message(),
              Map.of(),
              LogtoSignIn.retryAfter(),
              null));
      return;
    }
    chain.doFilter(request, response);
    if (request.getAttribute(SignInFailure.REQUEST_ATTRIBUTE) instanceof SignInFailure failure
        && !response.isCommitted()) {
      fail(request, response, failure);
    }
  }

  private static void reject(
      HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
    WebResponses.error(
        request, response, new CodedException(SignInFailure.INVALID_CALLBACK, message));
  }

  private static void fail(
      HttpServletRequest request, HttpServletResponse response, SignInFailure failure)
      throws IOException {
    WebResponses.error(request, response, new CodedException(failure, failure.message()));
  }
}

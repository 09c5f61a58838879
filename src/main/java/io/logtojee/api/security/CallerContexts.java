package io.logtojee.api.security;

import io.logtojee.auth.Caller;
import io.logtojee.auth.token.AccessTokenClaims;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Puts an identified {@link Caller} into a request's {@code SecurityContext} and reads it back, so
 * filters and resources (the application's and a team's own) agree on one place for it.
 */
public final class CallerContexts {

  private CallerContexts() {}

  /** Makes {@code caller} the request's principal. */
  public static void identify(ContainerRequestContext request, Caller caller) {
    boolean secure =
        request.getSecurityContext() != null && request.getSecurityContext().isSecure();
    request.setSecurityContext(new CallerSecurityContext(caller, secure));
  }

  /** The signed-in or token-bearing caller, or empty for an anonymous request. */
  public static Optional<Caller> callerOf(SecurityContext context) {
    return context != null && context.getUserPrincipal() instanceof Caller caller
        ? Optional.of(caller)
        : Optional.empty();
  }

  /** The verified access-token claims of a Bearer caller. */
  public static Optional<AccessTokenClaims> tokenOf(SecurityContext context) {
    return callerOf(context).flatMap(Caller::token);
  }
}

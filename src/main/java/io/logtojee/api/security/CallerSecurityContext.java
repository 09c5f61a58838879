package io.logtojee.api.security;

import io.logtojee.auth.Caller;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Jakarta REST's view of a {@link Caller}, so resources read it from {@code SecurityContext}. */
final class CallerSecurityContext implements SecurityContext {

  private final Caller caller;
  private final boolean secure;

  CallerSecurityContext(Caller caller, boolean secure) {
    this.caller = caller;
    this.secure = secure;
  }

  @Override
  public Principal getUserPrincipal() {
    return caller;
  }

  @Override
  public boolean isUserInRole(String role) {
    return caller.hasRole(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return caller.method() == Caller.Method.BEARER ? "Bearer" : "OIDC";
  }
}

package io.logtojee.web;

import io.logtojee.api.security.SameOrigin;
import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.config.LogtoSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import org.pac4j.jee.filter.CallbackFilter;
import org.pac4j.jee.filter.LogoutFilter;
import org.pac4j.jee.filter.SecurityFilter;

/**
 * The browser's sign-in, callback and sign-out filters, registered in the order they must run.
 * Registering in code keeps the order in one place on both Tomcat and WildFly and lets the filters
 * receive their collaborators through constructors.
 */
public final class SignInFilterChain {

  /** A regular expression no URL matches: the logout target never comes from the request. */
  static final String NO_LOGOUT_URL_FROM_REQUEST = "(?!)";

  private final LogtoSettings settings;
  private final LogtoSignIn signIn;
  private final PendingSignIns pendingSignIns;

  public SignInFilterChain(
      LogtoSettings settings, LogtoSignIn signIn, PendingSignIns pendingSignIns) {
    this.settings = settings;
    this.signIn = signIn;
    this.pendingSignIns = pendingSignIns;
  }

  /** Adds the filters (and the servlet behind {@code /sign-in}) to the starting application. */
  public void register(ServletContext context) {
    var config = signIn.pac4jConfig();

    add(
        context,
        "securityHeaders",
        new SecurityHeadersFilter(SameOrigin.originOf(settings.logtoEndpoint())),
        "/*");

    add(context, "callbackGuard", new CallbackGuardFilter(signIn, settings.issuer()), "/callback");
    CallbackFilter callback = new CallbackFilter(config);
    callback.setDefaultUrl(settings.appBaseUrl() + "/");
    callback.setRenewSession(true);
    callback.setDefaultClient(LogtoSignIn.CLIENT_NAME);
    add(context, "pac4jCallback", callback, "/callback");

    add(
        context,
        "signInRequest",
        new SignInRequestFilter(signIn, pendingSignIns),
        "/sign-in",
        "/sign-up");
    SecurityFilter security =
        new SecurityFilter(config, LogtoSignIn.CLIENT_NAME, "none", "nocache");
    add(context, "pac4jSecurity", security, "/sign-in", "/sign-up");
    ServletRegistration.Dynamic signedIn =
        context.addServlet("signedIn", new SignedInRedirectServlet(settings.appBaseUrl()));
    signedIn.addMapping("/sign-in", "/sign-up");

    add(context, "signOutGuard", new SignOutGuardFilter(settings.appBaseUrl()), "/sign-out");
    LogoutFilter logout = new LogoutFilter(config, settings.postSignOutUrl());
    logout.setLogoutUrlPattern(NO_LOGOUT_URL_FROM_REQUEST);
    logout.setLocalLogout(true);
    logout.setDestroySession(true);
    logout.setCentralLogout(true);
    add(context, "pac4jLogout", logout, "/sign-out");
  }

  private static void add(ServletContext context, String name, Filter filter, String... paths) {
    FilterRegistration.Dynamic registration = context.addFilter(name, filter);
    registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, paths);
  }
}

package io.logtojee.web;

import io.logtojee.app.ApiTokens;
import io.logtojee.app.AppServices;
import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.config.AppSettings;
import io.logtojee.config.ConfigurationException;
import io.logtojee.config.SettingsSource;
import io.logtojee.mail.CallerAuthorization;
import io.logtojee.mail.setup.MailComponents;
import io.logtojee.mail.setup.MailDeploymentSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pac4j.jee.filter.CallbackFilter;
import org.pac4j.jee.filter.LogoutFilter;
import org.pac4j.jee.filter.SecurityFilter;

/**
 * Starts the application: validates the settings once (an invalid deployment stops here with one
 * log message listing every problem), builds the services and registers the sign-in filters in the
 * order they must run. Registering in code keeps the order in one place on both Tomcat and WildFly
 * and lets the filters receive their collaborators through constructors.
 */
public final class WebBootstrap implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(WebBootstrap.class.getName());

  /** A regular expression no URL matches: the logout target never comes from the request. */
  static final String NO_LOGOUT_URL_FROM_REQUEST = "(?!)";

  /**
   * The JDK's HttpURLConnection silently sends a POST a second time when the first attempt ends
   * without an answer. pac4j and Nimbus talk to Logto through it, so a token request cut off by the
   * network would redeem the authorization code twice, and Logto revokes everything issued from a
   * code used twice. The property is read once per JVM, so operators should also set it on the
   * command line (server-config does).
   */
  static final String RETRY_POST_PROPERTY = "sun.net.http.retryPost";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    WorkDirectory.restrictToOwner(context);
    if (System.getProperty(RETRY_POST_PROPERTY) == null) {
      System.setProperty(RETRY_POST_PROPERTY, "false");
    }
    AppSettings settings;
    try {
      settings = AppSettings.load(SettingsSource.deployment());
    } catch (ConfigurationException e) {
      LOG.severe(e.getMessage());
      throw e;
    }
    LOG.log(Level.INFO, "Starting with {0}", settings);
    LogtoSignIn signIn = LogtoSignIn.create(settings);
    PendingSignIns pendingSignIns = new PendingSignIns(settings.maxPendingSignIns());
    context.addListener(pendingSignIns);
    context.addListener(signIn.liveSessions());
    Optional<MailComponents> mail =
        settings
            .mailConfigFile()
            .map(
                file ->
                    MailComponents.create(
                        MailDeploymentSettings.defaults(file)
                            .withInsecureTestEndpoints(settings.mailAllowInsecureEndpoint())));
    if (mail.isEmpty()) {
      LOG.info("MAIL_CONFIG_FILE is not set: the DirectMail sender is disabled");
    }
    new AppServices(
            settings,
            signIn,
            pendingSignIns,
            mail,
            new CallerAuthorization(settings.mailAuthorization()),
            ApiTokens.of(signIn))
        .register(context);
    registerFilters(context, settings, signIn, pendingSignIns);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    try {
      AppServices.from(event.getServletContext()).close();
    } catch (IllegalStateException notStarted) {
      // Start-up failed before the services existed: nothing to close.
    }
  }

  private static void registerFilters(
      ServletContext context,
      AppSettings settings,
      LogtoSignIn signIn,
      PendingSignIns pendingSignIns) {
    var config = signIn.pac4jConfig();

    add(context, "securityHeaders", new SecurityHeadersFilter(), "/*");

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

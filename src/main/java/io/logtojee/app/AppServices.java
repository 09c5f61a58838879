package io.logtojee.app;

import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.config.AppSettings;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * The services of one deployment. Built by the start-up listener and looked up by resources, so
 * that neither Tomcat nor WildFly needs CDI for the wiring.
 */
public record AppServices(AppSettings settings, LogtoSignIn signIn, PendingSignIns pendingSignIns) {

  private static final String ATTRIBUTE = AppServices.class.getName();

  public AppServices {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(signIn, "signIn");
    Objects.requireNonNull(pendingSignIns, "pendingSignIns");
  }

  public void register(ServletContext context) {
    context.setAttribute(ATTRIBUTE, this);
  }

  public static AppServices from(ServletContext context) {
    Object services = context.getAttribute(ATTRIBUTE);
    if (services == null) {
      throw new IllegalStateException("The application did not start: see the start-up log");
    }
    return (AppServices) services;
  }
}

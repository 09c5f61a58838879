package io.logtojee.app;

import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.config.AppSettings;
import io.logtojee.mail.CallerAuthorization;
import io.logtojee.mail.setup.MailComponents;
import jakarta.servlet.ServletContext;
import java.util.Objects;
import java.util.Optional;

/**
 * The services of one deployment. Built by the start-up listener and looked up by resources, so
 * that neither Tomcat nor WildFly needs CDI for the wiring.
 *
 * @param mail the DirectMail sender, absent when MAIL_CONFIG_FILE is not set
 * @param mailCaller the Authorization value Logto's HTTP email connector must present
 * @param tokens Bearer and logout-token validation and the signed-in users' API tokens
 */
public record AppServices(
    AppSettings settings,
    LogtoSignIn signIn,
    PendingSignIns pendingSignIns,
    Optional<MailComponents> mail,
    CallerAuthorization mailCaller,
    ApiTokens tokens) {

  private static final String ATTRIBUTE = AppServices.class.getName();

  public AppServices {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(signIn, "signIn");
    Objects.requireNonNull(pendingSignIns, "pendingSignIns");
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(mailCaller, "mailCaller");
    Objects.requireNonNull(tokens, "tokens");
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

  /** Closes what holds threads or connections, when the application stops. */
  public void close() {
    mail.ifPresent(MailComponents::close);
  }
}

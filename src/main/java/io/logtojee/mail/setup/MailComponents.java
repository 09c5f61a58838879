package io.logtojee.mail.setup;

import io.logtojee.mail.aliyun.DirectMailClient;
import io.logtojee.mail.aliyun.DirectMailTransport;
import io.logtojee.mail.config.EndpointPolicy;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigStore;
import io.logtojee.mail.config.MailConfigValidator;
import io.logtojee.mail.config.TransportKind;
import io.logtojee.mail.limit.SendCounterStore;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.sending.MailTransport;
import io.logtojee.mail.smtp.SmtpTransport;
import io.logtojee.mail.template.LogtoTemplates;
import io.logtojee.mail.template.TemplateOverview;
import io.logtojee.mail.template.logto.CachedLogtoTemplates;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The mail components of one deployment, built by the composition root from the stores it chose,
 * and closed once at shutdown. A missing or invalid configuration file does not fail creation; it
 * disables mail, which {@link MailService#status()} reports.
 */
public final class MailComponents implements AutoCloseable {
  private final MailConfigLoader loader;
  private final MailConfigStore configStore;
  private final DirectMailClient directMailClient;
  private final Optional<CachedLogtoTemplates> logtoTemplates;
  private final MailService service;

  /**
   * @param loader parses and validates submitted configuration JSON
   * @param configStore holds the active configuration
   * @param sendCounters counts sends for the abuse limits
   */
  public MailComponents(
      MailDeploymentSettings settings,
      MailConfigLoader loader,
      MailConfigStore configStore,
      SendCounterStore sendCounters) {
    this.loader = loader;
    this.configStore = configStore;
    this.directMailClient = new DirectMailClient(settings.directMail());
    Map<TransportKind, MailTransport> transports =
        Map.of(
            TransportKind.API, new DirectMailTransport(directMailClient),
            TransportKind.SMTP, new SmtpTransport(settings.smtp()));
    SendLimits limits = new SendLimits(settings.limits(), sendCounters, Clock.systemUTC());
    // Logto's own templates, when a machine-to-machine app is set up: fetched in the background,
    // so the first sends may still use the configuration's.
    this.logtoTemplates =
        settings
            .logtoTemplates()
            .map(options -> CachedLogtoTemplates.forManagementApi(options, Clock.systemUTC()));
    logtoTemplates.ifPresent(CachedLogtoTemplates::start);
    this.service =
        new MailService(
            configStore,
            transports,
            limits,
            logtoTemplates.map(LogtoTemplates.class::cast).orElse(LogtoTemplates.none()));
  }

  /** The rules a configuration must follow, with loopback endpoints allowed where they may be. */
  public static MailConfigLoader configLoaderFor(MailDeploymentSettings settings) {
    return new MailConfigLoader(
        new MailConfigValidator(new EndpointPolicy(settings.allowInsecureTestEndpoints())));
  }

  /** Sends mail and reports its status. */
  public MailService service() {
    return service;
  }

  /** Reads and replaces the configuration (admin API). */
  public MailConfigStore configStore() {
    return configStore;
  }

  /** Parses submitted configuration JSON (admin API). */
  public MailConfigLoader configLoader() {
    return loader;
  }

  /** Logto's own templates, when a machine-to-machine app is set up. */
  public Optional<CachedLogtoTemplates> logtoTemplates() {
    return logtoTemplates;
  }

  /** Which template each type and locale gets, and where it comes from (admin API). */
  public TemplateOverview templateOverview() {
    return service.templateOverview();
  }

  @Override
  public void close() {
    logtoTemplates.ifPresent(CachedLogtoTemplates::close);
    directMailClient.close();
    loader.close();
  }
}

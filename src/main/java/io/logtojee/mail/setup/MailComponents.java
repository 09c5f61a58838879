package io.logtojee.mail.setup;

import io.logtojee.mail.aliyun.DirectMailClient;
import io.logtojee.mail.aliyun.DirectMailTransport;
import io.logtojee.mail.config.EndpointPolicy;
import io.logtojee.mail.config.FileMailConfigStore;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigValidator;
import io.logtojee.mail.config.TransportKind;
import io.logtojee.mail.limit.InMemorySendCounterStore;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.sending.MailTransport;
import io.logtojee.mail.smtp.SmtpTransport;
import java.time.Clock;
import java.util.Map;

/**
 * The mail components of one deployment: create once at start-up, {@link #close()} at shutdown. A
 * missing or invalid configuration file does not fail creation; it disables mail, which {@link
 * MailService#status()} reports.
 */
public final class MailComponents implements AutoCloseable {
  private final MailConfigValidator validator;
  private final MailConfigLoader loader;
  private final FileMailConfigStore configStore;
  private final DirectMailClient directMailClient;
  private final MailService service;

  private MailComponents(MailDeploymentSettings settings) {
    EndpointPolicy policy = new EndpointPolicy(settings.allowInsecureTestEndpoints());
    this.validator = new MailConfigValidator(policy);
    this.loader = new MailConfigLoader(validator);
    this.configStore = new FileMailConfigStore(settings.configFile(), loader);
    this.directMailClient = new DirectMailClient(settings.directMail());
    Map<TransportKind, MailTransport> transports =
        Map.of(
            TransportKind.API, new DirectMailTransport(directMailClient),
            TransportKind.SMTP, new SmtpTransport(settings.smtp()));
    SendLimits limits =
        new SendLimits(settings.limits(), new InMemorySendCounterStore(), Clock.systemUTC());
    this.service = new MailService(configStore, transports, limits);
  }

  public static MailComponents create(MailDeploymentSettings settings) {
    return new MailComponents(settings);
  }

  /** Sends mail and reports its status. */
  public MailService service() {
    return service;
  }

  /** Reads and replaces the configuration (admin API). */
  public FileMailConfigStore configStore() {
    return configStore;
  }

  /** Parses submitted configuration JSON (admin API). */
  public MailConfigLoader configLoader() {
    return loader;
  }

  @Override
  public void close() {
    directMailClient.close();
    validator.close();
  }
}

package io.logtojee.mail.setup;

import io.logtojee.mail.aliyun.DirectMailClient;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.smtp.SmtpSettings;
import io.logtojee.mail.template.logto.LogtoTemplateOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings that belong to the deployment, not to the admin-editable JSON: where the JSON lives,
 * whether loopback endpoints are allowed (tests and the demo only), limits and timeouts.
 *
 * @param configFile the JSON configuration file
 * @param allowInsecureTestEndpoints accept {@code http://127.0.0.1|localhost} endpoint overrides
 * @param limits the send limits
 * @param directMail the DirectMail client's timeouts
 * @param smtp the SMTP transport's settings
 * @param logtoTemplates how to read Logto's own email templates; empty to use only the
 *     configuration's
 */
public record MailDeploymentSettings(
    Path configFile,
    boolean allowInsecureTestEndpoints,
    SendLimitPolicy limits,
    DirectMailClient.Options directMail,
    SmtpSettings smtp,
    Optional<LogtoTemplateOptions> logtoTemplates) {
  public MailDeploymentSettings {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(directMail, "directMail");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(logtoTemplates, "logtoTemplates");
  }

  public MailDeploymentSettings(
      Path configFile,
      boolean allowInsecureTestEndpoints,
      SendLimitPolicy limits,
      DirectMailClient.Options directMail,
      SmtpSettings smtp) {
    this(configFile, allowInsecureTestEndpoints, limits, directMail, smtp, Optional.empty());
  }

  /**
   * Production defaults for the file at {@code configFile}; the limits are those of {@link
   * SendLimitPolicy#defaults()}, which the deployment's {@code MAIL_LIMIT_*} settings replace.
   */
  public static MailDeploymentSettings defaults(Path configFile) {
    return new MailDeploymentSettings(
        configFile,
        false,
        SendLimitPolicy.defaults(),
        DirectMailClient.Options.defaults(),
        SmtpSettings.defaults());
  }

  public MailDeploymentSettings withInsecureTestEndpoints(boolean allow) {
    return new MailDeploymentSettings(configFile, allow, limits, directMail, smtp, logtoTemplates);
  }

  public MailDeploymentSettings withDirectMail(DirectMailClient.Options options) {
    return new MailDeploymentSettings(
        configFile, allowInsecureTestEndpoints, limits, options, smtp);
  }

  public MailDeploymentSettings withLimits(SendLimitPolicy sendLimits) {
    return new MailDeploymentSettings(
        configFile, allowInsecureTestEndpoints, sendLimits, directMail, smtp, logtoTemplates);
  }

  /** Reads Logto's own email templates first, through its Management API. */
  public MailDeploymentSettings withLogtoTemplates(LogtoTemplateOptions options) {
    return new MailDeploymentSettings(
        configFile, allowInsecureTestEndpoints, limits, directMail, smtp, Optional.of(options));
  }
}

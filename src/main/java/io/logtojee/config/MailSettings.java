package io.logtojee.config;

import static io.logtojee.config.Numbers.WHOLE_NUMBER;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The deployment's side of the DirectMail sender: where its admin-editable JSON lives, the
 * Authorization value Logto's HTTP email connector must present, and the send limits (at most a
 * number of mails in any sliding window, per recipient, per client IP and in total), and the
 * optional machine-to-machine app through which the sender reads Logto's own email templates.
 */
public final class MailSettings {

  @Setting("MAIL_CONFIG_FILE")
  @Size(max = 4096, message = "must be a file path of at most 4096 characters")
  private String mailConfigFile;

  @Setting(value = "MAIL_AUTHORIZATION", secret = true)
  @Size(min = 16, max = 1024, message = "must be 16 to 1024 characters: use a long random value")
  private String mailAuthorization;

  @Setting(value = "MAIL_ALLOW_INSECURE_ENDPOINT", defaultValue = "false")
  @Pattern(regexp = "true|false", message = "must be true or false")
  private String mailAllowInsecureEndpoint;

  @Setting(value = "MAIL_LIMIT_RECIPIENT_MAX", defaultValue = "10")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of mails")
  private String limitRecipientMax;

  @Setting(value = "MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", defaultValue = "10")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of minutes")
  private String limitRecipientWindowMinutes;

  @Setting(value = "MAIL_LIMIT_IP_MAX", defaultValue = "30")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of mails")
  private String limitIpMax;

  @Setting(value = "MAIL_LIMIT_IP_WINDOW_MINUTES", defaultValue = "10")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of minutes")
  private String limitIpWindowMinutes;

  @Setting(value = "MAIL_LIMIT_GLOBAL_MAX", defaultValue = "2000")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of mails")
  private String limitGlobalMax;

  @Setting(value = "MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", defaultValue = "1440")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of minutes")
  private String limitGlobalWindowMinutes;

  @Setting(value = "MAIL_DM_MAX_CALLS_PER_SECOND", defaultValue = "100")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of calls")
  private String directMailMaxCallsPerSecond;

  @Setting(value = "MAIL_DM_QUEUE_WAIT_MS", defaultValue = "2000")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of milliseconds")
  private String directMailQueueWaitMillis;

  @AssertTrue(message = "must be between 1 and 10000 calls")
  private boolean isDirectMailMaxCallsPerSecondInRange() {
    return Numbers.inRange(directMailMaxCallsPerSecond, 1, 10_000);
  }

  @AssertTrue(message = "must be between 0 and 10000 milliseconds")
  private boolean isDirectMailQueueWaitMillisInRange() {
    return Numbers.inRange(directMailQueueWaitMillis, 0, 10_000);
  }

  @Setting("LOGTO_M2M_APP_ID")
  @Pattern(
      regexp = "[A-Za-z0-9_.-]{1,128}",
      message = "must be 1 to 128 letters, digits, '_', '.' or '-'")
  private String m2mAppId;

  @Setting(value = "LOGTO_M2M_APP_SECRET", secret = true)
  @Size(max = 512, message = "must be at most 512 characters")
  private String m2mAppSecret;

  @Setting(value = "LOGTO_M2M_RESOURCE", defaultValue = "https://default.logto.app/api")
  @HttpUrl
  private String m2mResource;

  @Setting(value = "MAIL_LOGTO_TEMPLATES_TTL_SECONDS", defaultValue = "300")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of seconds")
  private String logtoTemplatesTtlSeconds;

  MailSettings() {}

  @AssertTrue(message = "must be set together with LOGTO_M2M_APP_SECRET, or neither")
  private boolean isM2mAppIdPaired() {
    return (m2mAppId == null) == (m2mAppSecret == null);
  }

  @AssertTrue(message = "must be between 10 and 86400 seconds")
  private boolean isLogtoTemplatesTtlSecondsInRange() {
    return Numbers.inRange(logtoTemplatesTtlSeconds, 10, 86_400);
  }

  @AssertTrue(message = "must be between 1 and 1000 mails")
  private boolean isLimitRecipientMaxInRange() {
    return Numbers.inRange(limitRecipientMax, 1, 1000);
  }

  @AssertTrue(message = "must be between 1 and 1440 minutes")
  private boolean isLimitRecipientWindowMinutesInRange() {
    return Numbers.inRange(limitRecipientWindowMinutes, 1, 1440);
  }

  @AssertTrue(message = "must be between 1 and 100000 mails")
  private boolean isLimitIpMaxInRange() {
    return Numbers.inRange(limitIpMax, 1, 100_000);
  }

  @AssertTrue(message = "must be between 1 and 1440 minutes")
  private boolean isLimitIpWindowMinutesInRange() {
    return Numbers.inRange(limitIpWindowMinutes, 1, 1440);
  }

  @AssertTrue(message = "must be between 1 and 500000 mails")
  private boolean isLimitGlobalMaxInRange() {
    return Numbers.inRange(limitGlobalMax, 1, 500_000);
  }

  @AssertTrue(message = "must be between 1 and 10080 minutes (a week)")
  private boolean isLimitGlobalWindowMinutesInRange() {
    return Numbers.inRange(limitGlobalWindowMinutes, 1, 10_080);
  }

  /** The DirectMail connector configuration file, if mail is set up. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(mailConfigFile).map(Path::of);
  }

  /** The exact Authorization value Logto's HTTP email connector sends; null when unset. */
  public String authorization() {
    return mailAuthorization;
  }

  /** Test and demo deployments only: accept a loopback http endpoint override in the mail JSON. */
  public boolean allowInsecureEndpoint() {
    return Boolean.parseBoolean(mailAllowInsecureEndpoint);
  }

  /** At most this many mails to one (normalised) address within {@link #recipientLimitWindow()}. */
  public int recipientLimitMax() {
    return Integer.parseInt(limitRecipientMax);
  }

  public Duration recipientLimitWindow() {
    return Duration.ofMinutes(Integer.parseInt(limitRecipientWindowMinutes));
  }

  /** At most this many mails for one client IPv4 address or IPv6 /64 within the window. */
  public int ipLimitMax() {
    return Integer.parseInt(limitIpMax);
  }

  public Duration ipLimitWindow() {
    return Duration.ofMinutes(Integer.parseInt(limitIpWindowMinutes));
  }

  /** At most this many mails in total within the window, kept below DirectMail's daily quota. */
  public int globalLimitMax() {
    return Integer.parseInt(limitGlobalMax);
  }

  public Duration globalLimitWindow() {
    return Duration.ofMinutes(Integer.parseInt(limitGlobalWindowMinutes));
  }

  /** At most this many DirectMail API calls start per second on this node. */
  public int directMailMaxCallsPerSecond() {
    return Integer.parseInt(directMailMaxCallsPerSecond);
  }

  /** How long a send may wait for its turn under that rate before it is refused. */
  public Duration directMailQueueWait() {
    return Duration.ofMillis(Long.parseLong(directMailQueueWaitMillis));
  }

  /**
   * Whether Logto's own email templates are read through its Management API: only with both the
   * machine-to-machine app's id and secret.
   */
  public boolean logtoTemplatesEnabled() {
    return m2mAppId != null && m2mAppSecret != null;
  }

  /** The machine-to-machine app granted Logto's Management API; null when unset. */
  public String m2mAppId() {
    return m2mAppId;
  }

  /** Its secret; null when unset. Never logged. */
  public String m2mAppSecret() {
    return m2mAppSecret;
  }

  /**
   * The Management API's resource indicator: {@code https://default.logto.app/api} for Logto OSS,
   * {@code https://<tenant-id>.logto.app/api} on Logto Cloud.
   */
  public String m2mResource() {
    return m2mResource;
  }

  /** How long fetched Logto templates count as current before the background refresh. */
  public Duration logtoTemplatesTtl() {
    return Duration.ofSeconds(Integer.parseInt(logtoTemplatesTtlSeconds));
  }

  /** A description safe to log: the secret is never included. */
  @Override
  public String toString() {
    return "mailConfigFile="
        + mailConfigFile
        + ", mailAuthorization="
        + (mailAuthorization == null ? "(not set)" : "(set)")
        + ", mailLimits=recipient "
        + limitRecipientMax
        + "/"
        + limitRecipientWindowMinutes
        + "min, ip "
        + limitIpMax
        + "/"
        + limitIpWindowMinutes
        + "min, global "
        + limitGlobalMax
        + "/"
        + limitGlobalWindowMinutes
        + "min, directMail "
        + directMailMaxCallsPerSecond
        + "/s (queue wait "
        + directMailQueueWaitMillis
        + " ms), logtoTemplates="
        + (logtoTemplatesEnabled()
            ? "m2m app "
                + m2mAppId
                + " for "
                + m2mResource
                + ", ttl "
                + logtoTemplatesTtlSeconds
                + "s"
            : "(off)")
        + ", m2mAppSecret="
        + (m2mAppSecret == null ? "(not set)" : "(set)");
  }
}

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
 * number of mails in any sliding window, per recipient, per client IP and in total).
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

  MailSettings() {}

  @AssertTrue(message = "must be between 1 and 10000 calls")
  private boolean isDirectMailMaxCallsPerSecondInRange() {
    return Numbers.inRange(directMailMaxCallsPerSecond, 1, 10_000);
  }

  @AssertTrue(message = "must be between 0 and 10000 milliseconds")
  private boolean isDirectMailQueueWaitMillisInRange() {
    return Numbers.inRange(directMailQueueWaitMillis, 0, 10_000);
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
        + " ms)";
  }
}

package io.logtojee.config;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The deployment's side of the DirectMail sender: where its admin-editable JSON lives and the
 * Authorization value Logto's HTTP email connector must present.
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

  MailSettings() {}

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

  /** A description safe to log: the secret is never included. */
  @Override
  public String toString() {
    return "mailConfigFile="
        + mailConfigFile
        + ", mailAuthorization="
        + (mailAuthorization == null ? "(not set)" : "(set)");
  }
}

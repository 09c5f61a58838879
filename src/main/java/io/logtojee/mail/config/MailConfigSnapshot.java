package io.logtojee.mail.config;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link MailConfigStore} holds at one moment.
 *
 * @param config the active, validated config; null when mail is disabled
 * @param etag the strong entity tag of the stored representation, quoted (e.g. {@code "k3J..."});
 *     defined even when nothing usable is stored, so an admin can replace a broken or missing file
 * @param problem why mail is disabled, for health reporting; null when a config is active
 * @param violations the rule violations of the stored file when it is invalid; empty otherwise
 */
public record MailConfigSnapshot(
    AliyunDmConfig config, String etag, String problem, List<ConfigViolation> violations) {
  public MailConfigSnapshot {
    violations = List.copyOf(violations);
  }

  /** A valid config in force; {@code config} must have passed {@link MailConfigLoader}. */
  public static MailConfigSnapshot active(AliyunDmConfig config, String etag) {
    return new MailConfigSnapshot(config, etag, null, List.of());
  }

  /** Mail disabled, for the reason given. */
  public static MailConfigSnapshot disabled(
      String etag, String problem, List<ConfigViolation> violations) {
    return new MailConfigSnapshot(null, etag, problem, violations);
  }

  /** The active config, empty when mail is disabled. */
  public Optional<AliyunDmConfig> active() {
    return Optional.ofNullable(config);
  }

  /** Whether a valid config is active. */
  public boolean available() {
    return config != null;
  }
}

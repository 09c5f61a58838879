package io.logtojee.mail.sending;

import io.logtojee.mail.config.ConfigViolation;
import java.util.List;

/**
 * Whether mail can be sent, for {@code /api/health}.
 *
 * @param up true when a valid configuration and its transport are in place
 * @param reason why mail is down, e.g. "mail configuration is invalid"; null when up
 * @param violations the configuration's violations (keys and messages, never values)
 */
public record MailStatus(boolean up, String reason, List<ConfigViolation> violations) {
  public MailStatus {
    violations = List.copyOf(violations);
  }

  static MailStatus available() {
    return new MailStatus(true, null, List.of());
  }
}

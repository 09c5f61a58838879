package io.logtojee.mail.config;

import java.util.Comparator;

/**
 * One broken rule in a mail configuration.
 *
 * @param key where, as a JSON path such as {@code regionId} or {@code templates[2].subject}; {@code
 *     json} for a syntax error
 * @param message what is wrong, for a human; never contains the offending value
 */
public record ConfigViolation(String key, String message) {
  static final Comparator<ConfigViolation> ORDER =
      Comparator.comparing(ConfigViolation::key).thenComparing(ConfigViolation::message);

  @Override
  public String toString() {
    return key + ": " + message;
  }
}

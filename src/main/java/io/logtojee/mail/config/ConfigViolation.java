package io.logtojee.mail.config;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * The violations as {@code key -> message}, in order, with several messages for one key joined;
   * the shape every API answer uses.
   */
  public static Map<String, String> byKey(List<ConfigViolation> violations) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (ConfigViolation violation : violations) {
      byKey.merge(violation.key(), violation.message(), (a, b) -> a + "; " + b);
    }
    return byKey;
  }

  @Override
  public String toString() {
    return key + ": " + message;
  }
}

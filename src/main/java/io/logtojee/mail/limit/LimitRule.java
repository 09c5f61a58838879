package io.logtojee.mail.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code maxSends} sends within any sliding {@code window}.
 *
 * @param maxSends at least 1
 * @param window positive
 */
public record LimitRule(int maxSends, Duration window) {
  public LimitRule {
    Objects.requireNonNull(window, "window");
    if (maxSends < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a limit needs maxSends >= 1 and a positive window");
    }
  }

  public static LimitRule of(int maxSends, Duration window) {
    return new LimitRule(maxSends, window);
  }
}

package io.logtojee.config;

import static io.logtojee.config.Numbers.WHOLE_NUMBER;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/** How long browser sessions live, and how many unfinished sign-ins one node keeps. */
public final class SessionSettings {

  @Setting(value = "SESSION_IDLE_MINUTES", defaultValue = "30")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of minutes")
  private String sessionIdleMinutes;

  @Setting(value = "SESSION_MAX_HOURS", defaultValue = "12")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of hours")
  private String sessionMaxHours;

  @Setting(value = "SESSION_PENDING_MAX", defaultValue = "10000")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of sessions")
  private String maxPendingSignIns;

  SessionSettings() {}

  @AssertTrue(message = "must be between 1 and 1440 minutes")
  private boolean isSessionIdleMinutesInRange() {
    return Numbers.inRange(sessionIdleMinutes, 1, 1440);
  }

  @AssertTrue(
      message = "must be between 1 and 336 hours (Logto's own session lasts 14 days by default)")
  private boolean isSessionMaxHoursInRange() {
    return Numbers.inRange(sessionMaxHours, 1, 336);
  }

  @AssertTrue(message = "must be between 10 and 1000000 sessions")
  private boolean isMaxPendingSignInsInRange() {
    return Numbers.inRange(maxPendingSignIns, 10, 1_000_000);
  }

  public Duration idleTimeout() {
    return Duration.ofMinutes(Integer.parseInt(sessionIdleMinutes));
  }

  /** The absolute lifetime of a signed-in session, counted from sign-in. */
  public Duration maxAge() {
    return Duration.ofHours(Integer.parseInt(sessionMaxHours));
  }

  /** How many unfinished sign-ins one node keeps before dropping the oldest. */
  public int maxPendingSignIns() {
    return Integer.parseInt(maxPendingSignIns);
  }

  @Override
  public String toString() {
    return "sessionIdle="
        + sessionIdleMinutes
        + "min, sessionMax="
        + sessionMaxHours
        + "h, pendingMax="
        + maxPendingSignIns;
  }
}

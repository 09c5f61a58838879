package io.logtojee.mail.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * The three limits every send must pass.
 *
 * @param perRecipient per normalised address ({@link io.logtojee.mail.Recipient#limitKey()});
 *     Logto's own cap is 10 per 10 minutes
 * @param perIp per end-user IPv4 address or IPv6 /64 from the request's {@code ip} ({@link
 *     ClientIp}); a request without a usable {@code ip} has no per-IP counter
 * @param global all sends together, kept below the DirectMail daily quota
 */
public record SendLimitPolicy(LimitRule perRecipient, LimitRule perIp, LimitRule global) {
  public SendLimitPolicy {
    Objects.requireNonNull(perRecipient, "perRecipient");
    Objects.requireNonNull(perIp, "perIp");
    Objects.requireNonNull(global, "global");
  }

  /**
   * 10 per recipient per 10 minutes, 30 per IP per 10 minutes, 2000 per day overall: the defaults
   * of the {@code MAIL_LIMIT_*} settings.
   */
  public static SendLimitPolicy defaults() {
    return new SendLimitPolicy(
        LimitRule.of(10, Duration.ofMinutes(10)),
        LimitRule.of(30, Duration.ofMinutes(10)),
        LimitRule.of(2000, Duration.ofDays(1)));
  }
}

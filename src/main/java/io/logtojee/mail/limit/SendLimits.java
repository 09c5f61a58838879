package io.logtojee.mail.limit;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Applies a {@link SendLimitPolicy} through a {@link SendCounterStore}. Over any limit the send is
 * refused before the provider is called (fail closed).
 */
public final class SendLimits {
  private static final String NO_IP_BUCKET = "ip:(none)";

  private final SendLimitPolicy policy;
  private final SendCounterStore store;
  private final Clock clock;

  public SendLimits(SendLimitPolicy policy, SendCounterStore store, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reserves one send to {@code recipient} for the client at {@code ip} (null or blank when
   * unknown). The caller must {@link Reservation#commit()} it once the mail may have left, or
   * {@link Reservation#release()} it when the send certainly failed.
   *
   * @throws MailException with {@link MailErrorCode#RATE_LIMITED} and a retry-after when a limit is
   *     reached
   */
  public Reservation reserve(Recipient recipient, String ip) {
    List<SendCounterStore.Counter> counters =
        List.of(
            new SendCounterStore.Counter("rcpt:" + recipient.limitKey(), policy.perRecipient()),
            new SendCounterStore.Counter(ipKey(ip), policy.perIp()),
            new SendCounterStore.Counter("global", policy.global()));
    SendCounterStore.Outcome outcome = store.tryReserve(counters, clock.instant());
    if (outcome instanceof SendCounterStore.Refused refused) {
      throw new MailException(
          MailErrorCode.RATE_LIMITED,
          describe(refused.key()),
          null,
          null,
          roundUpToSeconds(refused.retryAfter()),
          null);
    }
    return new Reservation(store, ((SendCounterStore.Reserved) outcome).reservationId());
  }

  private static String ipKey(String ip) {
    return ip == null || ip.isBlank() ? NO_IP_BUCKET : "ip:" + ip.trim().toLowerCase(Locale.ROOT);
  }

  private static String describe(String key) {
    if (key.startsWith("rcpt:")) {
      return "Too many mails to this address; try again later.";
    }
    if (key.startsWith("ip:")) {
      return "Too many mails requested from this client; try again later.";
    }
    return "The mail budget is used up for now; try again later.";
  }

  private static Duration roundUpToSeconds(Duration wait) {
    long millis = Math.max(wait.toMillis(), 1);
    return Duration.ofSeconds((millis + 999) / 1000);
  }
}

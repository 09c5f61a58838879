package io.logtojee.mail.limit;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.Recipient;
import io.logtojee.state.StateStoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies a {@link SendLimitPolicy} through a {@link SendCounterStore}. Over any limit the send is
 * refused before the provider is called (fail closed).
 *
 * <p>A send is counted under its recipient's {@link Recipient#limitKey()}, its client's {@link
 * ClientIp#bucket()} and the global key. A send without a usable client IP has no per-IP counter:
 * Logto before 1.35 sends no {@code ip} at all, nor do its server-side sends (organization
 * invitations, the Account API), and one shared bucket for all of those would let 30 such mails
 * lock the whole site out. The per-recipient and global limits still apply to it.
 */
public final class SendLimits {
  private final SendLimitPolicy policy;
  private final SendCounterStore store;
  private final Clock clock;

  public SendLimits(SendLimitPolicy policy, SendCounterStore store, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reserves one send to {@code recipient} for the client at {@code ip}, as Logto gives it: null,
   * blank or not an IP address means no per-IP counter (see {@link ClientIp#parse}). The caller
   * must {@link Reservation#commit()} it once the mail may have left, or {@link
   * Reservation#release()} it when the send certainly did not leave.
   *
   * @throws MailException with {@link MailErrorCode#RATE_LIMITED} and a retry-after when a limit is
   *     reached, or {@link MailErrorCode#STATE_STORE_UNAVAILABLE} when the counters cannot be read:
   *     a send that cannot be counted does not go out
   */
  public Reservation reserve(Recipient recipient, String ip) {
    List<SendCounterStore.Counter> counters = new ArrayList<>(3);
    counters.add(
        new SendCounterStore.Counter("rcpt:" + recipient.limitKey(), policy.perRecipient()));
    ClientIp.parse(ip)
        .ifPresent(
            client ->
                counters.add(
                    new SendCounterStore.Counter("ip:" + client.bucket(), policy.perIp())));
    counters.add(new SendCounterStore.Counter("global", policy.global()));
    SendCounterStore.Outcome outcome;
    try {
      outcome = store.tryReserve(counters, clock.instant());
    } catch (StateStoreUnavailableException e) {
      throw new MailException(
          MailErrorCode.STATE_STORE_UNAVAILABLE,
          "The send limits cannot be checked right now; nothing was sent. Try again later.",
          e);
    }
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

package io.logtojee.mail.aliyun;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Runs the attempts of one send: at most two, within {@link
 * DirectMailClient.Options#totalDeadline()}, each with a newly signed form.
 *
 * <p>The retry rule lives here alone (aliyun-dm.md §5, item 5): a second attempt only follows a
 * failure the exchange or the interpreter marked retriable (a connect failure, a 5xx, {@code
 * ServiceUnavailable}, {@code InternalError}, {@code Throttling*}), and only if the remaining time
 * still allows it. Throttling is retried after a jittered back-off. Logs name the attempt, our
 * code, DirectMail's Code, RequestId and EnvId; never the form, the recipient or the secret.
 *
 * <p>A retry after a server error cannot reuse the first attempt's nonce, so DirectMail cannot tell
 * the two apart: the first attempt may have delivered the mail too (the same code twice is
 * harmless). When the retry fails as well, its error is therefore marked {@link
 * MailException#mayHaveBeenSent()}, and the send counts against the limits.
 */
final class DirectMailRetrier {
  // Keeps the client's logger name, so existing logging configuration still applies.
  private static final Logger LOG = Logger.getLogger(DirectMailClient.class.getName());
  private static final int MAX_ATTEMPTS = 2;

  /** A retry that could not even connect within this time is not worth starting. */
  private static final Duration MIN_RETRY_BUDGET = Duration.ofSeconds(1);

  private final DirectMailClient.Options options;
  private final DirectMailRequestBuilder requests;
  private final DirectMailExchange exchange;
  private final DirectMailClient.Sleeper sleeper;
  private final CallPacer pacer;

  DirectMailRetrier(
      DirectMailClient.Options options,
      DirectMailRequestBuilder requests,
      DirectMailExchange exchange,
      DirectMailClient.Sleeper sleeper,
      CallPacer pacer) {
    this.pacer = Objects.requireNonNull(pacer, "pacer");
    this.options = Objects.requireNonNull(options, "options");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** See {@link DirectMailClient#send}. */
  SendReceipt send(DirectMailTarget target, SingleSendMail mail) {
    long deadline = System.nanoTime() + options.totalDeadline().toNanos();
    boolean earlierMayHaveBeenSent = false;
    for (int attempt = 1; ; attempt++) {
      awaitTurn(attempt, deadline, earlierMayHaveBeenSent);
      Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
      Duration timeout = min(options.requestTimeout(), remaining);
      // A new nonce and timestamp on every attempt: DirectMail refuses a replayed one.
      DirectMailAttempt result =
          exchange.post(target.endpoint(), requests.build(target, mail), timeout);
      int number = attempt;
      if (result instanceof DirectMailAttempt.Accepted accepted) {
        LOG.fine(
            () ->
                "DirectMail accepted on attempt "
                    + number
                    + ": EnvId="
                    + accepted.receipt().envId()
                    + " RequestId="
                    + accepted.receipt().requestId());
        return accepted.receipt();
      }
      DirectMailAttempt.Failed failed = (DirectMailAttempt.Failed) result;
      Duration backoff = failed.throttled() ? jitteredBackoff() : Duration.ZERO;
      Duration budgetLeft = Duration.ofNanos(deadline - System.nanoTime()).minus(backoff);
      boolean retry =
          failed.retriable()
              && attempt < MAX_ATTEMPTS
              && budgetLeft.compareTo(MIN_RETRY_BUDGET) >= 0;
      LOG.info(
          () ->
              "DirectMail attempt "
                  + number
                  + " failed: code="
                  + failed.error().code().wireName()
                  + " providerCode="
                  + failed.error().providerCode().orElse("-")
                  + " requestId="
                  + failed.error().providerRequestId().orElse("-")
                  + (retry ? "; retrying with a new nonce" : ""));
      if (!retry) {
        throw outcome(failed.error(), earlierMayHaveBeenSent);
      }
      earlierMayHaveBeenSent |= failed.error().mayHaveBeenSent();
      if (!backoff.isZero()) {
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw outcome(failed.error(), earlierMayHaveBeenSent);
        }
      }
    }
  }

  /**
   * Waits for this attempt's turn under the call rate, at most the queue wait and never past the
   * deadline; a retry, which was only decided with a second left, keeps that second for itself.
   */
  private void awaitTurn(int attempt, long deadline, boolean earlierMayHaveBeenSent) {
    long lastUsefulStart = attempt == 1 ? deadline : deadline - MIN_RETRY_BUDGET.toNanos();
    long latestStart =
        Math.min(System.nanoTime() + options.maxQueueWait().toNanos(), lastUsefulStart);
    boolean turn;
    try {
      turn = pacer.awaitSlot(latestStart);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      turn = false;
    }
    if (!turn) {
      LOG.info(
          () ->
              "DirectMail attempt "
                  + attempt
                  + " not started: the call rate of "
                  + options.maxCallsPerSecond()
                  + "/s leaves no turn within "
                  + options.maxQueueWait().toMillis()
                  + " ms");
      MailException refused =
          new MailException(
              MailErrorCode.RATE_LIMITED,
              "Too many mails are being sent right now; nothing was sent. Try again shortly.",
              null,
              null,
              Duration.ofSeconds(1),
              null);
      throw outcome(refused, earlierMayHaveBeenSent);
    }
  }

  /** The last attempt's error, marked if an earlier attempt may have delivered the mail. */
  private static MailException outcome(MailException last, boolean earlierMayHaveBeenSent) {
    return earlierMayHaveBeenSent ? last.asMayHaveBeenSent() : last;
  }

  private Duration jitteredBackoff() {
    long min = options.throttlingBackoffMin().toMillis();
    long max = options.throttlingBackoffMax().toMillis();
    return Duration.ofMillis(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
  }

  /** The smaller of the two, but at least 1 ms: HttpRequest refuses a zero timeout. */
  private static Duration min(Duration a, Duration b) {
    Duration smaller = a.compareTo(b) <= 0 ? a : b;
    return smaller.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : smaller;
  }
}

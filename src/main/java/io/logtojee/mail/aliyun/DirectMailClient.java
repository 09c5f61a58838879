package io.logtojee.mail.aliyun;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.SendReceipt;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Calls DirectMail's {@code SingleSendMail} (API version 2015-11-23) as a signed form POST.
 *
 * <p>Every attempt gets a fresh SignatureNonce and Timestamp. There is at most one retry, and only
 * after a connect failure (nothing was sent), a 5xx / {@code ServiceUnavailable} / {@code
 * InternalError} (DirectMail failed and may or may not have taken the mail), or {@code Throttling*}
 * (after a short jittered back-off). A failure after a server error is marked {@link
 * io.logtojee.mail.MailException#mayHaveBeenSent()}, so the send still counts against the limits. A
 * read timeout or a connection lost after sending is reported as {@link
 * MailErrorCode#OUTCOME_UNKNOWN} and never retried, because the mail may already be on its way.
 * Redirects are not followed, answers are capped in size, and the whole call ends within {@link
 * Options#totalDeadline()}. Calls are spaced to at most {@link Options#maxCallsPerSecond()} per
 * second ({@link CallPacer}); a send that would wait longer than {@link Options#maxQueueWait()} for
 * its turn fails with {@link MailErrorCode#RATE_LIMITED} before anything is sent.
 *
 * <p>This class only wires the parts together and is what the rest of the application holds: {@link
 * DirectMailRequestBuilder} signs each attempt, {@link DirectMailExchange} performs it over HTTP,
 * {@link DirectMailResponseInterpreter} reads the answer and {@link DirectMailRetrier} decides on a
 * second attempt.
 */
public final class DirectMailClient implements AutoCloseable {
  /**
   * Timeouts and limits.
   *
   * @param connectTimeout per connection attempt
   * @param requestTimeout per attempt, from sending until the whole answer is read
   * @param totalDeadline for all attempts together; a retry only runs within it
   * @param maxResponseBytes larger answers are cut off and treated as unreadable
   * @param throttlingBackoffMin shortest wait before retrying after {@code Throttling*}
   * @param throttlingBackoffMax longest wait (jitter is uniform in between)
   */
  public record Options(
      Duration connectTimeout,
      Duration requestTimeout,
      Duration totalDeadline,
      int maxResponseBytes,
      Duration throttlingBackoffMin,
      Duration throttlingBackoffMax,
      int maxCallsPerSecond,
      Duration maxQueueWait) {
    /** Aliyun's default {@code SingleSendMail} limit per account. */
    public static final int DEFAULT_MAX_CALLS_PER_SECOND = 100;

    public Options {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(totalDeadline, "totalDeadline");
      Objects.requireNonNull(throttlingBackoffMin, "throttlingBackoffMin");
      Objects.requireNonNull(throttlingBackoffMax, "throttlingBackoffMax");
      Objects.requireNonNull(maxQueueWait, "maxQueueWait");
      if (maxResponseBytes < 1024 || throttlingBackoffMax.compareTo(throttlingBackoffMin) < 0) {
        throw new IllegalArgumentException("maxResponseBytes >= 1024 and min <= max back-off");
      }
      if (maxCallsPerSecond < 1 || maxQueueWait.isNegative()) {
        throw new IllegalArgumentException("maxCallsPerSecond >= 1 and maxQueueWait >= 0");
      }
    }

    /**
     * Connect 3 s, request 10 s, 15 s in total, 64 KiB answers, 200–800 ms throttling back-off, at
     * most {@value #DEFAULT_MAX_CALLS_PER_SECOND} calls per second, waiting at most 2 s for a turn.
     */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(3),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          64 * 1024,
          Duration.ofMillis(200),
          Duration.ofMillis(800),
          DEFAULT_MAX_CALLS_PER_SECOND,
          Duration.ofSeconds(2));
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(
          connectTimeout,
          timeout,
          totalDeadline,
          maxResponseBytes,
          throttlingBackoffMin,
          throttlingBackoffMax,
          maxCallsPerSecond,
          maxQueueWait);
    }

    public Options withTotalDeadline(Duration deadline) {
      return new Options(
          connectTimeout,
          requestTimeout,
          deadline,
          maxResponseBytes,
          throttlingBackoffMin,
          throttlingBackoffMax,
          maxCallsPerSecond,
          maxQueueWait);
    }

    /**
     * At most {@code callsPerSecond} calls start per second (retries included); a send waits for
     * its turn at most {@code queueWait} (and never past the total deadline), else it fails with
     * {@code RATE_LIMITED}.
     */
    public Options withCallRate(int callsPerSecond, Duration queueWait) {
      return new Options(
          connectTimeout,
          requestTimeout,
          totalDeadline,
          maxResponseBytes,
          throttlingBackoffMin,
          throttlingBackoffMax,
          callsPerSecond,
          queueWait);
    }
  }

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final DirectMailExchange exchange;
  private final DirectMailRetrier retrier;

  /** With the system clock, random UUID nonces and real sleeps. */
  public DirectMailClient(Options options) {
    this(
        options,
        Clock.systemUTC(),
        () -> UUID.randomUUID().toString(),
        d -> Thread.sleep(d.toMillis()));
  }

  public DirectMailClient(Options options, Clock clock, Supplier<String> nonces, Sleeper sleeper) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sleeper, "sleeper");
    DirectMailRequestBuilder requests = new DirectMailRequestBuilder(clock, nonces);
    // Built after every argument check: it holds threads that a failed constructor would leak.
    this.exchange = new DirectMailExchange(options.connectTimeout(), options.maxResponseBytes());
    this.retrier =
        new DirectMailRetrier(
            options, requests, exchange, sleeper, CallPacer.ofRate(options.maxCallsPerSecond()));
  }

  /**
   * Sends one mail.
   *
   * @return EnvId and RequestId once DirectMail accepted the mail
   * @throws io.logtojee.mail.MailException INVALID_CONFIG, INVALID_RECIPIENT, RATE_LIMITED,
   *     PROVIDER_REJECTED, PROVIDER_UNAVAILABLE or OUTCOME_UNKNOWN
   */
  public SendReceipt send(DirectMailTarget target, SingleSendMail mail) {
    return retrier.send(target, mail);
  }

  /** Releases the client's threads; call when the web application stops. */
  @Override
  public void close() {
    exchange.close();
  }
}
